import { describe, expect, it } from 'vitest'
import * as bun from './bun/index.js'
import * as deno from './deno/index.js'
import * as root from './index.js'
import * as workers from './workers/index.js'

describe('@bustapi/adapters subpaths', () => {
  it('export a deliberate set of names (adding API is a visible diff)', () => {
    expect({
      '.': Object.keys(root).sort(),
      './bun': Object.keys(bun).sort(),
      './deno': Object.keys(deno).sort(),
      './workers': Object.keys(workers).sort(),
    }).toEqual({
      '.': ['detectRuntime', 'run'],
      './bun': ['bunApp', 'bunFileSource', 'serve'],
      './deno': ['denoFileSource', 'denoHandler', 'serve'],
      './workers': ['assets', 'assetsFileSource', 'assetsSource', 'bindings', 'waitUntil', 'worker'],
    })
  })

  it('refuse to start on the wrong runtime with a sentence saying what to use', async () => {
    const app = { fetch: () => new Response('') }
    await expect(bun.serve(app)).rejects.toThrow('@bustapi/adapters/bun runs on Bun')
    await expect(deno.serve(app)).rejects.toThrow('@bustapi/adapters/deno runs on Deno')
  })
})
