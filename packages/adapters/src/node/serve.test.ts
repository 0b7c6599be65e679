import { App } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { serve } from './serve.js'

describe('serve', () => {
  it('runs the app startup before it listens and resolves the real port', async () => {
    const events: string[] = []
    const app = new App()
    app.onStartup(async () => {
      await new Promise((r) => setTimeout(r, 20))
      events.push('startup')
    })
    app.get('/', (c) => c.text('hi'))
    const handle = await serve(app, {
      port: 0,
      handleSignals: false,
      onListen: (h) => events.push(`listen:${h.server.listening}`),
    })
    try {
      expect(events).toEqual(['startup', 'listen:true'])
      expect(handle.port).toBeGreaterThan(0)
      expect(handle.hostname).toBe('127.0.0.1')
      expect(handle.url).toBe(`http://127.0.0.1:${handle.port}`)
      expect(await (await fetch(handle.url)).text()).toBe('hi')
    } finally {
      await handle.close()
    }
  })

  it('does not listen when startup fails', async () => {
    const app = new App()
    app.onStartup(() => {
      throw new Error('database unreachable')
    })
    await expect(serve(app, { port: 0, handleSignals: false })).rejects.toThrow('database unreachable')
  })

  it('sets default timeouts against slow clients on the server', async () => {
    const handle = await serve(new App(), { port: 0, handleSignals: false })
    try {
      expect(handle.server.headersTimeout).toBe(10_000)
      expect(handle.server.requestTimeout).toBe(30_000)
      expect(handle.server.keepAliveTimeout).toBe(5_000)
    } finally {
      await handle.close()
    }
  })

  it('takes timeouts from the options', async () => {
    const handle = await serve(new App(), {
      port: 0,
      handleSignals: false,
      headersTimeout: 2_000,
      requestTimeout: 4_000,
      keepAliveTimeout: 1_000,
    })
    try {
      expect(handle.server.headersTimeout).toBe(2_000)
      expect(handle.server.requestTimeout).toBe(4_000)
      expect(handle.server.keepAliveTimeout).toBe(1_000)
    } finally {
      await handle.close()
    }
  })

  it('listens on SIGTERM and SIGINT while running and removes its listeners once closed', async () => {
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]
    const handle = await serve(new App(), { port: 0 })
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(
      before.map((n) => n + 1),
    )
    await handle.close()
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before)
  })

  it('shuts down on SIGTERM without exiting the process', async () => {
    const app = new App()
    let shutdown = false
    app.onShutdown(() => {
      shutdown = true
    })
    const handle = await serve(app, { port: 0 })
    process.emit('SIGTERM')
    await handle.closed
    expect(shutdown).toBe(true)
    expect(handle.server.listening).toBe(false)
  })

  it('shuts down when its abort signal fires', async () => {
    const controller = new AbortController()
    const handle = await serve(new App(), { port: 0, handleSignals: false, signal: controller.signal })
    controller.abort()
    await handle.closed
    expect(handle.server.listening).toBe(false)
  })

  it('runs the app shutdown when the port is taken', async () => {
    const first = await serve(new App(), { port: 0, handleSignals: false })
    const app = new App()
    let shutdown = false
    app.onShutdown(() => {
      shutdown = true
    })
    try {
      await expect(serve(app, { port: first.port, handleSignals: false })).rejects.toThrow(/EADDRINUSE/)
      expect(shutdown).toBe(true)
    } finally {
      await first.close()
    }
  })
})
