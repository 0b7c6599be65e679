import { FILE_SOURCE, WEBSOCKET_UPGRADE, type WebSocketListener, type WebSocketUpgrade } from '@bustapi/core'
import type { ServableApp } from '../server-info.js'
import { bunFileSource } from './file-source.js'

/** The slice of Bun's API this adapter uses (kept local so Node's types need no bun-types). */
export interface BunSocket {
  data: { listener: WebSocketListener }
  send(data: string | Uint8Array): number
  close(code?: number, reason?: string): void
}
export interface BunServer {
  port: number
  upgrade(request: Request, options: { data: unknown; headers?: HeadersInit }): boolean
  stop(closeActiveConnections?: boolean): Promise<void>
}

/** Bun's `websocket` handlers: each socket's events go to the listener core gave its upgrade. */
export interface BunWebSocketHandlers {
  maxPayloadLength: number
  open(ws: BunSocket): void
  message(ws: BunSocket, message: string | Uint8Array): void
  close(ws: BunSocket, code: number, reason: string): void
}

/**
 * The `websocket` option of `Bun.serve` (or of a default export) that binds Bun's sockets to core.
 *
 * @example
 * Bun.serve({ fetch: (req, server) => app.fetch(req, equipBunServer(server)), websocket: bunWebSocket() })
 */
export function bunWebSocket(maxPayloadLength = 16 * 1024 * 1024): BunWebSocketHandlers {
  return {
    maxPayloadLength,
    open(ws) {
      ws.data.listener.open({
        send: (data) => void ws.send(data),
        close: (code, reason) =>
          code === undefined || code === 1005 || code === 1006 ? ws.close() : ws.close(code, reason),
      })
    },
    message(ws, message) {
      ws.data.listener.message(typeof message === 'string' ? message : new Uint8Array(message))
    },
    close(ws, code, reason) {
      ws.data.listener.close(code, reason)
    },
  }
}

/**
 * Puts the file source and the WebSocket upgrader on Bun's server, which is the `env` every request
 * sees (once per server: non-enumerable properties, so `hono/bun` helpers see the server as is).
 *
 * @example
 * equipBunServer(server)
 */
export function equipBunServer(server: BunServer): BunServer {
  if ((server as { [WEBSOCKET_UPGRADE]?: unknown })[WEBSOCKET_UPGRADE] !== undefined) return server
  Object.defineProperty(server, FILE_SOURCE, { value: bunFileSource, configurable: true })
  Object.defineProperty(server, WEBSOCKET_UPGRADE, {
    configurable: true,
    value: (upgrade: WebSocketUpgrade) => {
      const headers = new Headers(upgrade.headers)
      if (upgrade.protocol !== undefined) headers.set('sec-websocket-protocol', upgrade.protocol)
      const ok = server.upgrade(upgrade.request, { data: { listener: upgrade.listener }, headers })
      if (!ok) upgrade.listener.close(1006, '')
      // Bun ignores what fetch returns once it has taken the socket over.
      return new Response(null, { status: ok ? 200 : 400 })
    },
  })
  return server
}

/** What `bunApp` returns: a module default export Bun serves, WebSockets included. */
export interface BunModule {
  fetch(request: Request, server: BunServer): Response | Promise<Response>
  websocket: BunWebSocketHandlers
}

/**
 * The app as a Bun module default export with WebSockets: a plain `export default app` has no
 * `websocket` handlers, so Bun cannot upgrade and WebSocket routes answer 501. The app's startup
 * hooks run once, before the first request. Add `port` and `hostname` beside it as Bun reads them.
 *
 * @example
 * export default { ...bunApp(app), port: 8000, hostname: '127.0.0.1' }
 */
export function bunApp(app: ServableApp, options: { maxWebSocketPayload?: number } = {}): BunModule {
  let starting: Promise<void> | undefined
  let started = app.startup === undefined
  return {
    fetch(request, server) {
      equipBunServer(server)
      if (started) return app.fetch(request, server)
      starting ??= Promise.resolve(app.startup?.()).then(() => {
        started = true
      })
      return starting.then(() => app.fetch(request, server))
    },
    websocket: bunWebSocket(options.maxWebSocketPayload),
  }
}
