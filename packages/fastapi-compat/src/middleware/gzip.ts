import type { Context, MiddlewareHandler } from 'hono'
import { compress } from 'hono/compress'
import { isStreamed } from '../dependencies/after-response.js'
import { isWebSocketScope } from './websocket-scope.js'

/** Options of `GZipMiddleware`, with Starlette's names and defaults. */
export interface GZipOptions {
  /** Bodies smaller than this (bytes) are sent as they are (default 500). */
  minimum_size?: number
  /** Accepted for Starlette compatibility; the runtime's `CompressionStream` picks its own level. */
  compresslevel?: number
}

const EXCLUDED = 'text/event-stream'

/** Gives a body already in memory a `Content-Length`, so the size threshold can be applied. */
async function measured(c: Context): Promise<boolean> {
  const res = c.res
  if (res.body === null || res.headers.has('content-length') || isStreamed(res)) return false
  const bytes = new Uint8Array(await res.arrayBuffer())
  const headers = new Headers(res.headers)
  headers.set('content-length', String(bytes.byteLength))
  c.res = undefined
  c.res = new Response(bytes, { status: res.status, statusText: res.statusText, headers })
  return true
}

/**
 * Starlette's `GZipMiddleware` on Hono's `compress()`: when the request accepts gzip, bodies of at
 * least `minimum_size` bytes (and every streamed body) are gzipped, with `Vary: Accept-Encoding`;
 * responses that already have a `Content-Encoding`, Server-Sent Events and (unlike Starlette)
 * responses without a `Content-Type` pass untouched.
 *
 * @example
 * app.add_middleware(GZipMiddleware, { minimum_size: 1000 })
 */
export class GZipMiddleware {
  readonly handler: MiddlewareHandler

  constructor(options: GZipOptions = {}) {
    const minimum = options.minimum_size ?? 500
    const gzip = compress({
      encoding: 'gzip',
      threshold: minimum,
      contentTypeFilter: (type) => !type.startsWith(EXCLUDED),
    })
    this.handler = async (c, next) => {
      if (isWebSocketScope(c)) return next()
      let buffered = false
      const inner = async () => {
        await next()
        const res = c.res
        if (res.headers.has('content-encoding')) return
        buffered = await measured(c)
      }
      // Without gzip in Accept-Encoding Hono still adds `Vary` (as Starlette does) and sends as is.
      await gzip(c, inner)
      if (buffered && c.res.headers.get('content-encoding') === 'gzip') {
        // A compressed in-memory body gets its new length, as Starlette sends it.
        const bytes = new Uint8Array(await c.res.arrayBuffer())
        const headers = new Headers(c.res.headers)
        headers.set('content-length', String(bytes.byteLength))
        const status = c.res.status
        c.res = undefined
        c.res = new Response(bytes, { status, headers })
      }
    }
  }
}
