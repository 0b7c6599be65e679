import type { Context } from 'hono'
import type { HandlerContext } from '../dependencies/handler-types.js'
import { Dependency } from '../params/types.js'
import type { WebSocket } from './websocket.js'

const sockets = new WeakMap<Context, WebSocket>()

/** Records the WebSocket of a handshake, so dependencies solved for it can reach it. */
export function bindWebSocket(c: Context, websocket: WebSocket): void {
  sockets.set(c, websocket)
}

/**
 * The WebSocket a dependency is being solved for (FastAPI's `websocket: WebSocket` parameter).
 * @throws Error when the dependency runs for an HTTP route.
 * @example
 * const token = dependency({}, (_, ctx) => websocket_of(ctx).query_params.get('token'))
 */
export function websocket_of(ctx: HandlerContext): WebSocket {
  const websocket = sockets.get(ctx.c)
  if (websocket === undefined) {
    throw new Error('This dependency asks for the WebSocket, but it runs for an HTTP route; use ctx.request.')
  }
  return websocket
}

/** The dependency function behind `WebSocketParam()` (one function, so it is cached per connection). */
function websocket(_values: unknown, ctx: HandlerContext): WebSocket {
  return websocket_of(ctx)
}

/**
 * Declares FastAPI's `websocket: WebSocket` parameter in a dependency's (or an endpoint's) params.
 * @example
 * const get_cookie_or_token = dependency(
 *   { websocket: WebSocketParam(), session: Cookie(v.optional(v.string())), token: Query(v.optional(v.string())) },
 *   ({ session, token }) => {
 *     if (session === undefined && token === undefined) throw new WebSocketException(status.WS_1008_POLICY_VIOLATION)
 *     return session ?? token
 *   },
 * )
 */
export function WebSocketParam(): Dependency<WebSocket, typeof websocket> {
  return new Dependency(websocket, true, [], false)
}
