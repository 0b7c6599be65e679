import type { Context, Handler } from 'hono'
import { type HandshakeDecision, WebSocketConnection } from './connection.js'
import { WebSocketDisconnect } from './disconnect.js'
import { findUpgrader } from './native.js'

/** A WebSocket endpoint: receives the connection, accepts it (or closes to refuse), talks. */
export type WebSocketHandler = (ws: WebSocketConnection, c: Context<any>) => unknown

export interface WebSocketOptions {
  /** The largest message accepted, in bytes; a bigger one closes with 1009. Default 1 MiB. */
  maxMessageSize?: number
  /** Received messages the handler has not read yet, at most; one more closes with 1008. Default 1024. */
  maxQueuedMessages?: number
  /** Bytes of received, unread messages at most; more closes with 1008. Default 1 MiB (or maxMessageSize). */
  maxQueuedBytes?: number
  /** Where errors thrown after `accept()` go (the connection is closed with 1011). */
  reportError?: (error: unknown, c: Context<any>) => void
}

type Outcome = HandshakeDecision | { kind: 'returned' } | { kind: 'threw'; error: unknown }

/**
 * The HTTP handler behind a WebSocket route. The user's handler runs as soon as the handshake
 * arrives; its `accept()` upgrades through the runtime's upgrader, a `close()` or a return before
 * it refuses with 403, and an error thrown before it answers as any handler error (so an
 * `HTTPException(401)` refuses with 401). A plain HTTP request answers 426.
 *
 * @example
 * app.get('/echo', createWebSocketHandler(async (ws) => { await ws.accept(); ws.send(await ws.receive()) }))
 */
export function createWebSocketHandler(handler: WebSocketHandler, options: WebSocketOptions = {}): Handler {
  const limits = {
    maxMessageSize: options.maxMessageSize ?? 1024 * 1024,
    ...(options.maxQueuedMessages === undefined ? {} : { maxQueuedMessages: options.maxQueuedMessages }),
    ...(options.maxQueuedBytes === undefined ? {} : { maxQueuedBytes: options.maxQueuedBytes }),
  }
  const report = options.reportError ?? ((error: unknown) => console.error('[bustapi] websocket:', error))
  return async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return c.text('Upgrade Required: this endpoint speaks WebSocket.', 426, { upgrade: 'websocket' })
    }
    const upgrade = findUpgrader(c.env)
    if (upgrade === undefined) {
      return c.text('This server cannot upgrade to WebSocket; serve the app with @bustapi/adapters.', 501)
    }
    let decide!: (decision: HandshakeDecision) => void
    const decided = new Promise<HandshakeDecision>((resolve) => {
      decide = resolve
    })
    const ws = new WebSocketConnection(c.req.raw, limits, decide)
    const running = Promise.resolve()
      .then(() => handler(ws, c))
      .then(
        (): Outcome => ({ kind: 'returned' }),
        (error: unknown): Outcome => ({ kind: 'threw', error }),
      )
    const first: Outcome = await Promise.race([decided, running])
    if (first.kind === 'threw') throw first.error
    if (first.kind !== 'accept') return c.text('Forbidden', 403)
    // The handler goes on after the 101: close once it returns, with 1011 if it failed.
    const done = running.then((end) => {
      if (end.kind === 'threw' && !(end.error instanceof WebSocketDisconnect)) {
        report(end.error, c)
        ws.close(1011, 'Internal Error')
      } else ws.close(1000)
    })
    const { kind: _, ...upgradeFields } = first
    return upgrade({ request: c.req.raw, ...upgradeFields, done })
  }
}
