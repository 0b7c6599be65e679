/**
 * The seam between core's runtime-neutral WebSocket and each runtime's socket. Core decides when to
 * upgrade (after the handler's `accept()`); the adapter performs the upgrade and reports the socket's
 * events to core through a `WebSocketListener`.
 */

/** A message as core sees it: text, or binary as bytes. */
export type WebSocketMessage = string | Uint8Array

/** What a runtime socket offers once open. */
export interface WebSocketTransport {
  send(data: WebSocketMessage): void
  close(code?: number, reason?: string): void
}

/** What core hands the adapter: the socket's events, reported in order. */
export interface WebSocketListener {
  open(transport: WebSocketTransport): void
  message(data: WebSocketMessage): void
  close(code: number, reason: string): void
}

/** One accepted handshake, as the adapter receives it. */
export interface WebSocketUpgrade {
  request: Request
  /** The subprotocol the handler chose, echoed in `Sec-WebSocket-Protocol`. */
  protocol?: string
  /** Extra response headers for the 101 answer (cookies, for instance). */
  headers?: Headers
  listener: WebSocketListener
  /**
   * Settles once the handler has returned, its cleanup (`finally`) done. A server that shuts down
   * gracefully waits for it after closing the socket with 1001, before the app's shutdown hooks.
   */
  done?: Promise<void>
}

/**
 * Performs the upgrade on one runtime and answers what `fetch` must return for it (a 101, or any
 * placeholder the runtime ignores once it has taken the socket over).
 */
export type WebSocketUpgrader = (upgrade: WebSocketUpgrade) => Response | Promise<Response>

/**
 * Where an adapter puts its upgrader on the `env` it passes to `app.fetch` (as `BODY_SOURCE` is for
 * bodies). Runtimes whose upgrade is a global (Deno, Workers) need no adapter.
 *
 * @example
 * app.fetch(request, { [WEBSOCKET_UPGRADE]: (upgrade) => myRuntimeUpgrade(upgrade) })
 */
export const WEBSOCKET_UPGRADE: unique symbol = Symbol.for('bustapi.websocket-upgrade')
