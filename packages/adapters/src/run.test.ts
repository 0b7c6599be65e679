import { App } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { detectRuntime, run } from './run.js'

describe('run()', () => {
  it('detects Node and serves with the Node adapter', async () => {
    expect(detectRuntime()).toBe('node')
    const app = new App().get('/', (c) => c.text('ran'))
    const server = await run(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await (await fetch(server.url)).text()).toBe('ran')
    } finally {
      await server.close()
    }
  })
})
