import { connect } from 'node:net'
import { App, WebSocketDisconnect } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { serve } from './serve.js'

const open = (url: string, path: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + path)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })

describe('WebSockets on the Node adapter', () => {
  it('closes open sockets with 1001 on shutdown and the handler sees the disconnect', async () => {
    let seen!: Promise<unknown>
    const app = new App().websocket('/hold', async (ws) => {
      await ws.accept()
      seen = ws.receive().catch((error: unknown) => error)
      await seen
    })
    const handle = await serve(app, { port: 0, handleSignals: false, gracefulTimeoutMs: 2_000 })
    const ws = await open(handle.url, '/hold')
    const closed = new Promise<number>((resolve) => ws.once('close', resolve))
    const started = performance.now()
    await handle.close()
    expect(await closed).toBe(1001)
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(await seen).toBeInstanceOf(WebSocketDisconnect)
  })

  it("on shutdown closes sockets with 1001, waits for their handlers' cleanup, then runs the shutdown hooks", async () => {
    const events: string[] = []
    const app = new App().websocket('/hold', async (ws) => {
      await ws.accept()
      try {
        await ws.receive()
      } catch (error) {
        events.push(`handler saw ${(error as WebSocketDisconnect).code}`)
      } finally {
        await new Promise((resolve) => setTimeout(resolve, 150))
        events.push('handler cleanup done')
      }
    })
    app.onShutdown(() => void events.push('app shutdown'))
    const handle = await serve(app, { port: 0, handleSignals: false, gracefulTimeoutMs: 2_000 })
    const clients = await Promise.all([open(handle.url, '/hold'), open(handle.url, '/hold')])
    const codes = clients.map((ws) => new Promise<number>((resolve) => ws.once('close', resolve)))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await handle.close()
    expect(await Promise.all(codes)).toEqual([1001, 1001])
    expect(events).toEqual([
      'handler saw 1001',
      'handler saw 1001',
      'handler cleanup done',
      'handler cleanup done',
      'app shutdown',
    ])
  })

  it('cuts a handler that outlives gracefulTimeoutMs after the 1001, then runs the shutdown hooks', async () => {
    const events: string[] = []
    const app = new App().websocket('/stubborn', async (ws) => {
      await ws.accept()
      // Ignores the disconnect and keeps going well past the drain.
      await ws.receive().catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      events.push('handler finished late')
    })
    app.onShutdown(() => void events.push('app shutdown'))
    const handle = await serve(app, { port: 0, handleSignals: false, gracefulTimeoutMs: 200 })
    const ws = await open(handle.url, '/stubborn')
    const closed = new Promise<number>((resolve) => ws.once('close', resolve))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = performance.now()
    await handle.close()
    expect(performance.now() - started).toBeLessThan(800)
    expect(await closed).toBe(1001)
    expect(events).toEqual(['app shutdown'])
  })

  it('closes a flooding client with 1008 once unread messages pass the bound, and keeps serving', async () => {
    let release!: () => void
    const reading = new Promise<void>((resolve) => {
      release = resolve
    })
    let disconnected!: (error: unknown) => void
    const seen = new Promise((resolve) => {
      disconnected = resolve
    })
    const app = new App().websocket('/slow', async (ws) => {
      await ws.accept()
      await reading
      try {
        for (;;) await ws.receive()
      } catch (error) {
        disconnected(error)
      }
    })
    app.get('/alive', (c) => c.text('alive'))
    const handle = await serve(app, { port: 0, handleSignals: false })
    try {
      const ws = await open(handle.url, '/slow')
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      )
      // 4 MiB in 64 KiB messages against the default 1 MiB of unread messages.
      const chunk = new Uint8Array(64 * 1024)
      for (let i = 0; i < 64 && ws.readyState === WebSocket.OPEN; i++) ws.send(chunk)
      expect(await closed).toEqual({ code: 1008, reason: 'Too many unread messages' })
      release()
      expect(await seen).toMatchObject({ code: 1008 })
      expect(await (await fetch(`${handle.url}/alive`)).text()).toBe('alive')
    } finally {
      await handle.close()
    }
  })

  it('writes the app refusal to the socket with its status and headers', async () => {
    const app = new App()
    app.use(async (c, next) => {
      if (c.req.header('authorization') === undefined)
        return c.text('nope', 401, { 'www-authenticate': 'Bearer' })
      await next()
    })
    app.websocket('/private', (ws) => ws.accept())
    const handle = await serve(app, { port: 0, handleSignals: false })
    try {
      const status = await new Promise<{ code?: number; auth?: string }>((resolve) => {
        const ws = new WebSocket(handle.url.replace('http', 'ws') + '/private')
        ws.once('unexpected-response', (_req, res) => {
          resolve({ code: res.statusCode, auth: res.headers['www-authenticate'] as string })
          res.resume()
        })
      })
      expect(status).toEqual({ code: 401, auth: 'Bearer' })
    } finally {
      await handle.close()
    }
  })

  it('survives a client that sends an upgrade and hangs up at once', async () => {
    const app = new App().websocket('/x', (ws) => ws.accept())
    app.get('/alive', (c) => c.text('alive'))
    const handle = await serve(app, { port: 0, handleSignals: false })
    try {
      for (let i = 0; i < 20; i++) {
        const socket = connect(handle.port, '127.0.0.1')
        socket.on('error', () => {})
        socket.write(
          'GET /x HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        )
        socket.destroy()
      }
      expect(await (await fetch(`${handle.url}/alive`)).text()).toBe('alive')
    } finally {
      await handle.close()
    }
  })

  it('cuts a half-open peer that stops answering pings, and the handler sees 1006', async () => {
    let seen!: Promise<unknown>
    const app = new App().websocket('/hold', async (ws) => {
      await ws.accept()
      seen = ws.receive().catch((error: unknown) => error)
      await seen
    })
    const handle = await serve(app, { port: 0, handleSignals: false, webSocketHeartbeatMs: 50 })
    try {
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        // A client that never answers pings: as a peer whose network went away would behave.
        const client = new WebSocket(`${handle.url.replace('http', 'ws')}/hold`, { autoPong: false })
        client.once('open', () => resolve(client))
        client.once('error', reject)
      })
      const closed = new Promise<number>((resolve) => ws.once('close', resolve))
      expect(await closed).toBe(1006)
      expect(await seen).toMatchObject({ code: 1006 })
    } finally {
      await handle.close()
    }
  })
})
