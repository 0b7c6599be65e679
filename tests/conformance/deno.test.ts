import { describe, it } from 'vitest'
import { runConformance } from './run-cases.js'
import { bundle } from './runtimes/bundle.js'
import { findBinary, ROOT, startChild } from './runtimes/child-target.js'

const deno = findBinary('deno', ['--version'])

if (deno.missing !== undefined) {
  describe('conformance on deno', () => it.skip(`skipped: ${deno.missing}`))
} else {
  runConformance('deno', async () => {
    const file = await bundle('entries/deno.ts', 'neutral')
    return startChild(
      'deno',
      deno.path,
      ['run', '--no-check', '--allow-net', '--allow-env', '--allow-read', file],
      {
        env: { DENO_DIR: process.env.DENO_DIR ?? `${ROOT}/.cache/deno` },
      },
    )
  })
}
