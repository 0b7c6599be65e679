import { bindings, waitUntil } from '@bustapi/adapters/workers'
import { type App, eventStream, HTTPException, iterableToStream, WebSocketDisconnect } from '@bustapi/core'
import { addPlatformRoutes } from './apps-platform.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A pause that ends early when the client leaves. On workerd timers of a cancelled request never
 * fire, so a producer parked on a plain sleep would never reach its `finally`.
 */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * Streaming, SSE, WebSocket, background-work and env routes of the conformance app. What happens
 * inside the server (cleanup ran, a disconnect was seen) is recorded and read back over HTTP.
 *
 * @example
 * addRealtimeRoutes(app)
 */
export function addRealtimeRoutes(app: App): void {
  const seen = new Map<string, Record<string, unknown>>()
  const record = (id: string, key: string, value: unknown) => {
    const entry = seen.get(id) ?? {}
    entry[key] = value
    seen.set(id, entry)
  }
  app.get('/seen/:id', (c) => c.json(seen.get(c.req.param('id')) ?? {}))
  addPlatformRoutes(app, record)

  // Streaming
  app.get('/stream/chunks', () => {
    async function* chunks() {
      for (const part of ['one ', 'two ', 'three']) {
        await sleep(5)
        yield part
      }
    }
    return new Response(iterableToStream(chunks()), { headers: { 'content-type': 'text/plain' } })
  })
  app.get('/stream/endless', (c) => {
    const id = c.req.query('id') ?? 'none'
    const signal = c.req.raw.signal
    signal.addEventListener('abort', () => record(id, 'signalAborted', true), { once: true })
    async function* ticks() {
      try {
        for (let i = 0; !signal.aborted; i++) {
          record(id, 'sent', i + 1)
          yield `tick ${i}\n`
          await pause(10, signal)
        }
      } finally {
        record(id, 'cleanedUp', true)
      }
    }
    return new Response(iterableToStream(ticks(), { signal }), { headers: { 'content-type': 'text/plain' } })
  })

  // Server-Sent Events
  app.get('/sse/events', () =>
    eventStream(
      [
        { event: 'greeting', id: 1, data: { hello: 'world' } },
        'plain text\nsecond line',
        { comment: 'a comment', retry: 2500 },
      ],
      { keepAliveMs: 0 },
    ),
  )
  app.get('/sse/endless', (c) => {
    const id = c.req.query('id') ?? 'none'
    const signal = c.req.raw.signal
    async function* events() {
      try {
        for (let i = 0; !signal.aborted; i++) {
          yield { id: i, data: `event ${i}` }
          await pause(10, signal)
        }
      } finally {
        record(id, 'cleanedUp', true)
      }
    }
    return eventStream(events(), { signal: c.req.raw.signal, keepAliveMs: 0 })
  })

  // WebSockets
  app.websocket('/ws/echo', async (ws) => {
    await ws.accept()
    for await (const message of ws) ws.send(message)
  })
  app.websocket('/ws/json', async (ws) => {
    await ws.accept()
    const value = await ws.receiveJson<unknown>()
    ws.sendJson({ echo: value, query: ws.url.searchParams.get('q') })
  })
  app.websocket('/ws/refuse', (ws) => ws.close())
  app.websocket('/ws/auth', async (ws) => {
    if (ws.url.searchParams.get('token') !== 'secret') throw new HTTPException(401, 'no token')
    await ws.accept()
    ws.sendText('welcome')
  })
  app.websocket('/ws/protocol', async (ws) => {
    await ws.accept({ subprotocol: ws.protocols.includes('chat.v2') ? 'chat.v2' : undefined })
    ws.sendText(ws.protocols.join(','))
    await ws.receive().catch(() => {})
  })
  app.websocket('/ws/server-close', async (ws) => {
    await ws.accept()
    ws.sendText('bye')
    ws.close(4000, 'done')
  })
  app.websocket('/ws/watch', async (ws) => {
    const id = ws.url.searchParams.get('id') ?? 'none'
    await ws.accept()
    ws.sendText('ready')
    try {
      for (;;) await ws.receive()
    } catch (error) {
      if (error instanceof WebSocketDisconnect) record(id, 'disconnect', error.code)
      else record(id, 'error', String(error))
    }
  })
  app.websocket(
    '/ws/small',
    async (ws) => {
      const id = ws.url.searchParams.get('id') ?? 'none'
      await ws.accept()
      ws.sendText('ready')
      try {
        for (;;) ws.send(await ws.receive())
      } catch (error) {
        if (error instanceof WebSocketDisconnect) record(id, 'disconnect', error.code)
      }
    },
    { maxMessageSize: 1024 },
  )

  // Background work after the response, and env bindings (Workers)
  app.post('/background/:id', (c) => {
    const id = c.req.param('id')
    waitUntil(
      c,
      sleep(30).then(() => record(id, 'background', 'done')),
    )
    return c.body(null, 202)
  })
  app.get('/env/greeting', (c) => {
    const env = bindings<{ GREETING?: unknown }>(c)
    return c.text(typeof env.GREETING === 'string' ? env.GREETING : 'no binding')
  })
}
