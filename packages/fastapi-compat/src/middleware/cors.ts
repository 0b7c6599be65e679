import type { Context, MiddlewareHandler } from 'hono'
import { isWebSocketScope } from './websocket-scope.js'

/** Options of `CORSMiddleware`, with Starlette's names and defaults. */
export interface CORSOptions {
  /** Origins allowed to make cross-origin requests; `['*']` allows any. */
  allow_origins?: readonly string[]
  /** Methods allowed in a preflight (default `['GET']`); `['*']` allows all. */
  allow_methods?: readonly string[]
  /** Request headers allowed in a preflight besides the CORS-safelisted ones; `['*']` allows any. */
  allow_headers?: readonly string[]
  /** Answer `Access-Control-Allow-Credentials: true` (and echo the origin instead of `*`). */
  allow_credentials?: boolean
  /** A regular expression an origin must match in full, e.g. `'https://.*\\.example\\.org'`. */
  allow_origin_regex?: string
  /** Response headers the browser may expose to scripts. */
  expose_headers?: readonly string[]
  /** How long (seconds) a browser may cache a preflight answer (default 600). */
  max_age?: number
}

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']
const SAFELISTED_HEADERS = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type']

/** Sets a header on a response, copying the response first if its headers are immutable. */
export function setHeaders(c: Context, entries: Iterable<[string, string]>, vary?: string): void {
  let res = c.res
  try {
    for (const [k, v] of entries) res.headers.set(k, v)
  } catch {
    // A fetched Response has immutable headers: rebuild it once.
    res = new Response(res.body, res)
    for (const [k, v] of entries) res.headers.set(k, v)
    c.res = undefined
    c.res = res
  }
  if (vary !== undefined) {
    const current = res.headers.get('vary')
    res.headers.set('vary', current ? `${current}, ${vary}` : vary)
  }
}

/**
 * Starlette's `CORSMiddleware`: answers preflights itself (200 `OK`, or 400 `Disallowed CORS
 * origin, method, headers` naming what failed) and adds the CORS headers to other requests that
 * carry an `Origin`. Hono's `cors()` answers a disallowed preflight with 204 and no reason, so
 * Starlette's rules are kept here; everything is computed once at construction.
 *
 * @example
 * app.add_middleware(CORSMiddleware, { allow_origins: ['http://localhost:8080'], allow_credentials: true, allow_methods: ['*'], allow_headers: ['*'] })
 */
export class CORSMiddleware {
  readonly handler: MiddlewareHandler
  readonly #allowOrigins: ReadonlySet<string>
  readonly #allowAllOrigins: boolean
  readonly #allowAllHeaders: boolean
  readonly #allowMethods: ReadonlySet<string>
  readonly #allowHeaders: ReadonlySet<string>
  readonly #regex: RegExp | undefined
  readonly #explicitOrigin: boolean
  readonly #simple: Array<[string, string]>
  readonly #preflight: Array<[string, string]>

  constructor(options: CORSOptions = {}) {
    const methods = options.allow_methods ?? ['GET']
    const allowMethods = methods.includes('*') ? ALL_METHODS : methods
    const origins = options.allow_origins ?? []
    const headers = options.allow_headers ?? []
    const credentials = options.allow_credentials ?? false
    const expose = options.expose_headers ?? []
    this.#allowAllOrigins = origins.includes('*')
    this.#allowAllHeaders = headers.includes('*')
    this.#allowOrigins = new Set(origins)
    this.#allowMethods = new Set(allowMethods)
    this.#regex = options.allow_origin_regex ? new RegExp(`^(?:${options.allow_origin_regex})$`) : undefined
    this.#explicitOrigin = !this.#allowAllOrigins || credentials

    this.#simple = []
    if (this.#allowAllOrigins) this.#simple.push(['access-control-allow-origin', '*'])
    if (credentials) this.#simple.push(['access-control-allow-credentials', 'true'])
    if (expose.length > 0) this.#simple.push(['access-control-expose-headers', expose.join(', ')])

    this.#preflight = []
    if (this.#explicitOrigin) this.#preflight.push(['vary', 'Origin'])
    else this.#preflight.push(['access-control-allow-origin', '*'])
    this.#preflight.push(['access-control-allow-methods', allowMethods.join(', ')])
    this.#preflight.push(['access-control-max-age', String(options.max_age ?? 600)])
    const allowed = [...new Set([...SAFELISTED_HEADERS, ...headers])].sort()
    if (!this.#allowAllHeaders) this.#preflight.push(['access-control-allow-headers', allowed.join(', ')])
    if (credentials) this.#preflight.push(['access-control-allow-credentials', 'true'])
    this.#allowHeaders = new Set(allowed.map((h) => h.toLowerCase()))

    this.handler = async (c, next) => {
      if (isWebSocketScope(c)) return next()
      const origin = c.req.header('origin')
      if (origin === undefined) return next()
      if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
        return this.#preflightResponse(c.req.raw.headers, origin)
      }
      await next()
      this.#simpleResponse(c, origin)
    }
  }

  #isAllowedOrigin(origin: string): boolean {
    if (this.#allowAllOrigins) return true
    if (this.#regex?.test(origin)) return true
    return this.#allowOrigins.has(origin)
  }

  #preflightResponse(request: Headers, origin: string): Response {
    const method = request.get('access-control-request-method') ?? ''
    const requested = request.get('access-control-request-headers')
    const headers = new Headers(this.#preflight)
    const failures: string[] = []
    if (this.#isAllowedOrigin(origin)) {
      if (this.#explicitOrigin) headers.set('access-control-allow-origin', origin)
    } else failures.push('origin')
    if (!this.#allowMethods.has(method)) failures.push('method')
    if (this.#allowAllHeaders && requested !== null) {
      // Allowing any header means mirroring what was asked for.
      headers.set('access-control-allow-headers', requested)
    } else if (requested !== null) {
      for (const h of requested.split(',')) {
        if (!this.#allowHeaders.has(h.trim().toLowerCase())) {
          failures.push('headers')
          break
        }
      }
    }
    headers.set('content-type', 'text/plain; charset=utf-8')
    if (failures.length > 0) {
      return new Response(`Disallowed CORS ${failures.join(', ')}`, { status: 400, headers })
    }
    return new Response('OK', { status: 200, headers })
  }

  #simpleResponse(c: Context, origin: string): void {
    const explicit =
      (this.#allowAllOrigins && c.req.header('cookie') !== undefined) ||
      (!this.#allowAllOrigins && this.#isAllowedOrigin(origin))
    // A credentialed request (cookies) must see its own origin, never `*`.
    if (explicit) setHeaders(c, [...this.#simple, ['access-control-allow-origin', origin]], 'Origin')
    else if (this.#simple.length > 0) setHeaders(c, this.#simple)
  }
}
