import { detectRuntime } from '@bustapi/adapters'
import { waitUntil } from '@bustapi/adapters/workers'
import { App, eventStream } from '@bustapi/core'

/** A pause that ends early when the client leaves (so a stream stops at once). */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/**
 * One app, unchanged on Node, Bun, Deno and workerd: a JSON route, a Server-Sent Events clock that
 * stops when the client leaves, a WebSocket echo, and work that runs after the response.
 *
 * @example
 * const app = createRuntimesApp()
 * export default app // Bun, Deno (`deno serve`), Workers
 */
export function createRuntimesApp(): App {
  const app = new App()
  const runtime = detectRuntime()

  app.get('/', (c) => c.json({ hello: 'world', runtime }))

  app.get('/clock', (c) => {
    const signal = c.req.raw.signal
    const count = Number(c.req.query('count') ?? 10)
    async function* ticks() {
      for (let i = 0; i < count && !signal.aborted; i++) {
        yield { event: 'tick', id: i, data: { at: new Date().toISOString() } }
        await pause(1_000, signal)
      }
    }
    return eventStream(ticks(), { signal })
  })

  app.websocket('/echo', async (ws) => {
    await ws.accept()
    ws.sendJson({ welcome: runtime })
    for await (const message of ws) ws.send(message)
  })

  app.post('/later', (c) => {
    waitUntil(
      c,
      pause(10, c.req.raw.signal).then(() => console.log('[runtimes] background work done')),
    )
    return c.json({ accepted: true }, 202)
  })
  return app
}
