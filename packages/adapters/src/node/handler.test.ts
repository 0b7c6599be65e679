import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { App, BODY_SOURCE } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { createNodeHandler, NodeBindings } from './handler.js'

describe('createNodeHandler', () => {
  it('serves an app from a plain node:http server with NodeBindings as env', async () => {
    const app = new App()
    app.post('/echo', async (c) => {
      const env = c.env as NodeBindings
      const bytes = await env[BODY_SOURCE](1024)
      return c.json({
        bindings: env instanceof NodeBindings,
        method: env.incoming.method,
        body: new TextDecoder().decode(bytes),
      })
    })
    const server = createServer(createNodeHandler(app))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'hello' })
      expect(await res.json()).toEqual({ bindings: true, method: 'POST', body: 'hello' })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
