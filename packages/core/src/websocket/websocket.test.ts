import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { HTTPException } from '../http-exception.js'
import { WebSocketDisconnect } from './disconnect.js'
import { connectWebSocket, WebSocketRefused } from './test-client.js'

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof WebSocketRefused ? error.response.status : error),
  )

describe('app.websocket', () => {
  it('echoes text, bytes and JSON after accept', async () => {
    const app = new App().websocket('/echo', async (ws) => {
      await ws.accept()
      ws.sendText(`text:${await ws.receiveText()}`)
      ws.sendBytes((await ws.receiveBytes()).map((b) => b + 1))
      ws.sendJson({ got: await ws.receiveJson() })
    })
    const ws = await connectWebSocket(app, '/echo')
    ws.send('hi')
    expect(await ws.receive()).toBe('text:hi')
    ws.send(new Uint8Array([1, 2]))
    expect(await ws.receive()).toEqual(new Uint8Array([2, 3]))
    ws.send('{"a":1}')
    expect(await ws.receiveJson()).toEqual({ got: { a: 1 } })
    expect((await ws.closed).code).toBe(1000)
  })

  it('surfaces the client leaving as WebSocketDisconnect with its code', async () => {
    let seen: unknown
    const done = new Promise<void>((resolve) => {
      const app = new App().websocket('/wait', async (ws) => {
        await ws.accept()
        try {
          await ws.receive()
        } catch (error) {
          seen = error
        }
        resolve()
      })
      void connectWebSocket(app, '/wait').then((ws) => ws.close(4001, 'bye'))
    })
    await done
    expect(seen).toBeInstanceOf(WebSocketDisconnect)
    expect(seen).toMatchObject({ code: 4001, reason: 'bye' })
  })

  it('refuses with 403 when the handler closes before accepting', async () => {
    const app = new App().websocket('/no', (ws) => ws.close())
    expect(await refusal(connectWebSocket(app, '/no'))).toBe(403)
  })

  it('refuses with the status of an HTTPException thrown before accept', async () => {
    const app = new App().websocket('/auth', () => {
      throw new HTTPException(401, 'who are you')
    })
    expect(await refusal(connectWebSocket(app, '/auth'))).toBe(401)
  })

  it('answers a plain HTTP request with 426', async () => {
    const app = new App().websocket('/ws', async (ws) => ws.accept())
    const res = await app.request('/ws')
    expect(res.status).toBe(426)
    expect(res.headers.get('upgrade')).toBe('websocket')
  })

  it('closes with 1009 on a message over maxMessageSize', async () => {
    let seen!: Promise<unknown>
    const app = new App().websocket(
      '/small',
      async (ws) => {
        await ws.accept()
        seen = ws.receive().catch((error: unknown) => error)
        await seen
      },
      { maxMessageSize: 8 },
    )
    const ws = await connectWebSocket(app, '/small')
    ws.send('x'.repeat(9))
    expect((await ws.closed).code).toBe(1009)
    expect(await seen).toMatchObject({ code: 1009 })
  })

  it('closes with 1008 when a peer sends more than maxQueuedMessages the handler has not read', async () => {
    let release!: () => void
    const reading = new Promise<void>((resolve) => {
      release = resolve
    })
    let seen!: Promise<unknown>
    const app = new App().websocket(
      '/slow',
      async (ws) => {
        await ws.accept()
        await reading
        seen = (async () => {
          for (;;) await ws.receive()
        })().catch((error: unknown) => error)
        await seen
      },
      { maxQueuedMessages: 3 },
    )
    const ws = await connectWebSocket(app, '/slow')
    for (let i = 0; i < 4; i++) ws.send(`m${i}`)
    expect(await ws.closed).toMatchObject({ code: 1008, reason: 'Too many unread messages' })
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await seen).toMatchObject({ code: 1008 })
  })

  it('closes with 1008 past maxQueuedBytes of unread messages, and not before', async () => {
    const app = new App().websocket(
      '/bytes',
      async (ws) => {
        await ws.accept()
        await new Promise(() => {})
      },
      { maxQueuedBytes: 10 },
    )
    const ws = await connectWebSocket(app, '/bytes')
    ws.send('12345')
    ws.send(new Uint8Array(5))
    let closed = false
    void ws.closed.then(() => {
      closed = true
    })
    await Promise.resolve()
    expect(closed).toBe(false)
    ws.send('x')
    expect((await ws.closed).code).toBe(1008)
  })

  it('closes with 1011 when the handler fails after accept, and reports the error', async () => {
    const reported: unknown[] = []
    const app = new App({ reportError: (error) => reported.push(error) }).websocket('/fail', async (ws) => {
      await ws.accept()
      await ws.receive()
      throw new Error('handler bug')
    })
    const ws = await connectWebSocket(app, '/fail')
    ws.send('go')
    expect((await ws.closed).code).toBe(1011)
    expect(reported).toHaveLength(1)
  })

  it('chooses a subprotocol the client offered', async () => {
    const app = new App().websocket('/proto', async (ws) => {
      await ws.accept({ subprotocol: ws.protocols.includes('chat') ? 'chat' : undefined })
      ws.sendText(ws.protocols.join(','))
    })
    const ws = await connectWebSocket(app, '/proto', { protocols: ['v2', 'chat'] })
    expect(ws.protocol).toBe('chat')
    expect(await ws.receive()).toBe('v2,chat')
  })

  it('iterates messages until a normal close', async () => {
    const got: unknown[] = []
    const finished = new Promise<void>((resolve) => {
      const app = new App().websocket('/iter', async (ws) => {
        await ws.accept()
        for await (const message of ws) got.push(message)
        resolve()
      })
      void connectWebSocket(app, '/iter').then((ws) => {
        ws.send('a')
        ws.send('b')
        ws.close(1000)
      })
    })
    await finished
    expect(got).toEqual(['a', 'b'])
  })

  it('is listed in app.routes as a GET route marked websocket', () => {
    const app = new App().websocket('/live', async function live(ws) {
      await ws.accept()
    })
    expect(app.routes.map((r) => [r.methods, r.path, r.name, r.meta])).toEqual([
      [['GET'], '/live', 'live', { websocket: true }],
    ])
  })
})
