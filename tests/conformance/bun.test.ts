import { describe, it } from 'vitest'
import { runConformance } from './run-cases.js'
import { findBinary, startChild } from './runtimes/child-target.js'

const bun = findBinary('bun', ['--version'])

if (bun.missing !== undefined) {
  describe('conformance on bun', () => it.skip(`skipped: ${bun.missing}`))
} else {
  // Bun runs the workspace's TypeScript sources itself, through the source export condition.
  runConformance('bun', () =>
    startChild('bun', bun.path, [
      '--conditions=@bustapi/source',
      'tests/conformance/runtimes/entries/bun.ts',
    ]),
  )
}
