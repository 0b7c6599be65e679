import type { MiddlewareHandler } from 'hono'

/**
 * Starlette's `HTTPSRedirectMiddleware`: a plain `http` (or `ws`) request answers 307 to the same
 * URL on `https` (or `wss`), dropping an explicit port 80 or 443.
 *
 * @example
 * app.add_middleware(HTTPSRedirectMiddleware)
 */
export class HTTPSRedirectMiddleware {
  readonly handler: MiddlewareHandler = async (c, next) => {
    const url = new URL(c.req.url)
    if (url.protocol !== 'http:' && url.protocol !== 'ws:') return next()
    const websocket = url.protocol === 'ws:' || (c.req.header('upgrade') ?? '').toLowerCase() === 'websocket'
    const port = url.port
    url.protocol = websocket ? 'wss:' : 'https:'
    // An explicit :80 or :443 is the default of one scheme or the other: drop it.
    url.port = port === '80' || port === '443' ? '' : port
    return new Response(null, { status: 307, headers: { location: url.toString() } })
  }

  // Starlette's middleware takes no options; the parameter keeps `add_middleware(cls, options)` uniform.
  // biome-ignore lint/complexity/noUselessConstructor: it declares the options type add_middleware checks.
  constructor(_options: Record<string, never> = {}) {}
}
