import type { Context } from 'hono'

/**
 * Whether the request is a WebSocket handshake: Starlette's `scope["type"] == "websocket"`, which
 * HTTP-only middleware (CORS, GZip, `app.middleware('http')`) let through untouched.
 *
 * @example
 * if (isWebSocketScope(c)) return next()
 */
export function isWebSocketScope(c: Context): boolean {
  return c.req.raw.headers.get('upgrade')?.toLowerCase() === 'websocket'
}
