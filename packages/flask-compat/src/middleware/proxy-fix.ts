import { WsgiMiddleware } from './base.js'
import { environOf, rebuildRequest, setEnviron } from './environ.js'
import { parseListHeader } from './list-header.js'
import { type FetchHandler, type FetchTarget, toHandler } from './types.js'

/** How many proxies set each `X-Forwarded-*` header; 0 ignores the header. */
export interface ProxyFixOptions {
  /** `X-Forwarded-For` → `request.remote_addr`. Default 1. */
  x_for?: number
  /** `X-Forwarded-Proto` → `request.scheme`. Default 1. */
  x_proto?: number
  /** `X-Forwarded-Host` → `request.host`. Default 0. */
  x_host?: number
  /** `X-Forwarded-Port` → the port of `request.host`. Default 0. */
  x_port?: number
  /** `X-Forwarded-Prefix` → `request.script_root`. Default 0. */
  x_prefix?: number
}

// What a Host header may be: a reg-name or IPv4 or bracketed IPv6, an optional port.
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/
const PORT = /^\d{1,5}$/

/** werkzeug's rule: trust the value `trusted` places from the right, or nothing if too few. */
function realValue(trusted: number, value: string | null): string | undefined {
  if (!trusted || !value) return undefined
  const values = parseListHeader(value)
  return values.length >= trusted ? values[values.length - trusted] : undefined
}

/** Host without its port ("]" ends a bare IPv6 address). */
const stripPort = (host: string): string =>
  host.includes(':') && !host.endsWith(']') ? host.slice(0, host.lastIndexOf(':')) : host

/**
 * werkzeug's `ProxyFix` for fetch handlers: behind `n` trusted proxies, take the client address,
 * scheme, host, port and prefix from the `X-Forwarded-*` headers those proxies set. The request
 * URL and `Host` header are rewritten (so any handler sees them) and `remote_addr`/`script_root`
 * travel in the request's environ; the replaced values are kept in `proxy_fix_orig`.
 * Values that are not a valid scheme, host or port are ignored rather than trusted.
 *
 * @example
 * app.wsgi_app = new ProxyFix(app.wsgi_app, { x_for: 1, x_proto: 1, x_host: 1, x_port: 1, x_prefix: 1 })
 */
export class ProxyFix extends WsgiMiddleware {
  readonly app: FetchHandler
  readonly x_for: number
  readonly x_proto: number
  readonly x_host: number
  readonly x_port: number
  readonly x_prefix: number

  constructor(app: FetchTarget, options: ProxyFixOptions = {}) {
    super()
    this.app = toHandler(app)
    this.x_for = options.x_for ?? 1
    this.x_proto = options.x_proto ?? 1
    this.x_host = options.x_host ?? 0
    this.x_port = options.x_port ?? 0
    this.x_prefix = options.x_prefix ?? 0
  }

  async __call__(request: Request, env?: unknown, ctx?: unknown): Promise<Response> {
    const headers = request.headers
    const url = new URL(request.url)
    const environ = environOf(request)
    const origScheme = environ.scheme ?? url.protocol.slice(0, -1)
    const origHost = environ.host ?? headers.get('host') ?? url.host
    const next = { ...environ }
    next.proxy_fix_orig = { scheme: origScheme, host: origHost }
    if (environ.remote_addr !== undefined) next.proxy_fix_orig.remote_addr = environ.remote_addr
    if (environ.script_root !== undefined) next.proxy_fix_orig.script_root = environ.script_root

    const forFor = realValue(this.x_for, headers.get('x-forwarded-for'))
    if (forFor) next.remote_addr = forFor
    const proto = realValue(this.x_proto, headers.get('x-forwarded-proto'))
    let scheme = origScheme
    if (proto && SCHEME.test(proto)) scheme = proto.toLowerCase()
    let host = origHost
    const forwardedHost = realValue(this.x_host, headers.get('x-forwarded-host'))
    if (forwardedHost && HOST.test(forwardedHost)) host = forwardedHost
    const port = realValue(this.x_port, headers.get('x-forwarded-port'))
    if (port && PORT.test(port) && host) host = `${stripPort(host)}:${port}`
    const prefix = realValue(this.x_prefix, headers.get('x-forwarded-prefix'))
    if (prefix?.startsWith('/')) next.script_root = prefix.replace(/\/+$/, '')

    let target = request
    if (scheme !== origScheme || host !== origHost) {
      let moved: URL | undefined
      try {
        moved = new URL(`${scheme}://${host}${url.pathname}${url.search}`)
      } catch {
        moved = undefined
      }
      if (moved !== undefined) {
        next.scheme = scheme
        // the URL parser drops a default port (https://h:443 → h), as werkzeug's request.host does
        next.host = moved.host
        const rewritten = new Headers(headers)
        rewritten.set('host', moved.host)
        target = rebuildRequest(request, moved.href, rewritten)
      }
    }
    setEnviron(target, next)
    return this.app(target, env, ctx)
  }
}
