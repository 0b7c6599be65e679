import { waitUntil } from '@bustapi/adapters/workers'
import { type App, clientAddress, WebSocketDisconnect } from '@bustapi/core'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Routes of the runtime-normalisation cases: the client's address, what `request.signal` says
 * once a response is complete, and a WebSocket handler that does not read. What happens after a response is recorded and read back over HTTP.
 *
 * @example
 * addPlatformRoutes(app, record)
 */
export function addPlatformRoutes(app: App, record: (id: string, key: string, value: unknown) => void): void {
  app.get('/platform/client', (c) => c.json(clientAddress(c) ?? null))

  // The signal is read during the handler, as a handler that wires it into its work would.
  app.get('/platform/after-response/:id', (c) => {
    const id = c.req.param('id')
    const signal = c.req.raw.signal
    signal.addEventListener('abort', () => record(id, 'abortEvent', true), { once: true })
    waitUntil(
      c,
      sleep(50).then(() => record(id, 'abortedAfterResponse', signal.aborted)),
    )
    return c.text('done')
  })

  // A handler that reads nothing for a while: what the peer sends meanwhile waits in its queue.
  app.websocket(
    '/ws/unread',
    async (ws) => {
      await ws.accept()
      ws.sendText('ready')
      await sleep(1_000)
      try {
        for (;;) await ws.receive()
      } catch (error) {
        if (!(error instanceof WebSocketDisconnect)) throw error
      }
    },
    { maxQueuedMessages: 8 },
  )
}
