import { describe, it } from 'vitest'
import { runConformance } from './run-cases.js'
import { findBinary, ROOT, startChild } from './runtimes/child-target.js'

const deno = findBinary('deno', ['--version'])

if (deno.missing !== undefined) {
  describe('conformance on deno', () => it.skip(`skipped: ${deno.missing}`))
} else {
  // Deno runs the workspace's TypeScript sources: the source export condition finds them, and
  // sloppy imports map the sources' `.js` specifiers to their `.ts` files.
  runConformance('deno', () =>
    startChild(
      'deno',
      deno.path,
      [
        'run',
        '--no-check',
        '--allow-net',
        '--allow-env',
        '--allow-read',
        '--unstable-sloppy-imports',
        '--conditions=@bustapi/source',
        'tests/conformance/runtimes/entries/deno.ts',
      ],
      { env: { DENO_DIR: process.env.DENO_DIR ?? `${ROOT}/.cache/deno` } },
    ),
  )
}
