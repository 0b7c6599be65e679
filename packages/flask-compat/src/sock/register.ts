import type { Context, WebSocketConnection } from '@bustapi/core'
import { handleRequest } from '../app/dispatch.js'
import type { Flask } from '../app/flask.js'
import { registerRule } from '../app/flask-internals.js'
import type { RouteOptions, View } from '../app/types.js'
import { request } from '../ctx.js'
import { BadRequest, HTTPException, NotFound } from '../exceptions.js'
import type { Rule } from '../routing/rule.js'
import { ConnectionClosed } from './connection-closed.js'
import { WebSocket } from './websocket.js'

/** A flask-sock view: the connection first, then the rule's variables (as Flask views get them). */
export type SockView<Args = Record<string, unknown>> = (ws: WebSocket, args: Args) => unknown

/** `SOCK_SERVER_OPTIONS`, as flask-sock reads it from the app config. */
interface SockServerOptions {
  subprotocols?: string | string[]
  max_message_size?: number | null
}

/** One handshake on its way through Flask's dispatch: its connection and whether the view took it. */
interface Pending {
  readonly conn: WebSocketConnection
  accepted: boolean
}

// Keyed by the handshake's Request, which Flask's `request.raw` is: the view finds its connection.
const pending = new WeakMap<globalThis.Request, Pending>()

/**
 * Registers a WebSocket rule on an app: Flask's rule bookkeeping (endpoint, converters, url_for),
 * and a core WebSocket route whose handler runs Flask's whole request (context, before_request,
 * the view, after_request, teardown). The view holds the request open until the socket closes,
 * so teardown runs after it, as with flask-sock.
 *
 * @example
 * registerSockRule(app, '/echo', null, echo, {})
 */
export function registerSockRule(
  app: Flask,
  rule: string,
  endpoint: string | null,
  view: SockView<never>,
  options: RouteOptions,
): void {
  const flaskView = toFlaskView(app, view)
  const { methods: _methods, ...rest } = options
  registerRule(app, rule, endpoint, flaskView, { ...rest, methods: ['GET'] }, (r: Rule) => {
    const max = serverOptions(app).max_message_size
    app.core.websocket(r.pattern, (conn, c) => dispatchSock(app, r, conn, c), {
      name: r.endpoint,
      ...(typeof max === 'number' ? { maxMessageSize: max } : {}),
    })
  })
}

async function dispatchSock(app: Flask, rule: Rule, conn: WebSocketConnection, c: Context): Promise<void> {
  const args = rule.match(c.req.path)
  if (args === null) throw new NotFound()
  const entry: Pending = { conn, accepted: false }
  pending.set(c.req.raw, entry)
  const response = await handleRequest(app, c, rule, args, null)
  // A before_request hook (or abort) answered before the view ran: refuse with that response.
  if (!entry.accepted) throw new HTTPException(undefined, { response })
}

/** The Flask view behind a sock route: accept, run the user's view, close, as flask-sock. */
function toFlaskView(app: Flask, view: SockView<never>): View<never> {
  const flaskView = async (args: never) => {
    const entry = pending.get(request.raw)
    if (entry === undefined)
      throw new BadRequest('This endpoint speaks WebSocket; connect with a WebSocket client.')
    const offered = entry.conn.protocols
    const supported = [serverOptions(app).subprotocols ?? []].flat()
    const subprotocol = offered.find((p) => supported.includes(p)) ?? null
    entry.accepted = true
    await entry.conn.accept(subprotocol === null ? {} : { subprotocol })
    const ws = new WebSocket(entry.conn, subprotocol)
    try {
      await view(ws, args)
    } catch (error) {
      if (!(error instanceof ConnectionClosed)) {
        if (ws.connected) ws.close(1011, 'Internal Error')
        throw error
      }
    }
    if (ws.connected) ws.close()
    return ''
  }
  Object.defineProperty(flaskView, 'name', { value: view.name })
  return flaskView
}

function serverOptions(app: Flask): SockServerOptions {
  return (app.config.SOCK_SERVER_OPTIONS as SockServerOptions | undefined) ?? {}
}
