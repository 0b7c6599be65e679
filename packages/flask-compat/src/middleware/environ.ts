/**
 * The WSGI-environ facts a fetch `Request` cannot carry by itself (client address, mount prefix),
 * attached to the request by middleware and read by the Flask layer when it builds `request`.
 */

/** What middleware may tell the application about a request (names follow Flask's `request`). */
export interface ForwardedEnviron {
  /** `REMOTE_ADDR`: the client address, e.g. from `X-Forwarded-For`. */
  remote_addr?: string
  /** `SCRIPT_NAME`: the prefix the application is served under. */
  script_root?: string
  /** `wsgi.url_scheme`, e.g. from `X-Forwarded-Proto`. */
  scheme?: string
  /** `HTTP_HOST`, e.g. from `X-Forwarded-Host` / `X-Forwarded-Port`. */
  host?: string
  /** The values ProxyFix replaced (werkzeug's `werkzeug.proxy_fix.orig`). */
  proxy_fix_orig?: { remote_addr?: string; scheme: string; host: string; script_root?: string }
}

/**
 * Where the environ lives on a `Request`: a registered symbol, so readers need not import this
 * module (and copies of the package agree).
 */
export const ENVIRON: unique symbol = Symbol.for('bustapi.flask.environ')

type WithEnviron = Request & { [ENVIRON]?: ForwardedEnviron }

/**
 * The environ middleware attached to `request`, or an empty object.
 *
 * @example
 * environOf(request).remote_addr // '203.0.113.7' behind ProxyFix
 */
export function environOf(request: Request): ForwardedEnviron {
  return (request as WithEnviron)[ENVIRON] ?? {}
}

/**
 * Attaches `environ` to `request` (replacing what was there) and returns the request.
 *
 * @example
 * setEnviron(request, { ...environOf(request), script_root: '/app' })
 */
export function setEnviron(request: Request, environ: ForwardedEnviron): Request {
  Object.defineProperty(request, ENVIRON, {
    value: environ,
    configurable: true,
    enumerable: false,
    writable: true,
  })
  return request
}

/**
 * A copy of `request` at another URL (and optionally other headers) that keeps its body, signal and
 * environ; the original's body is handed over, not read.
 *
 * @example
 * const moved = rebuildRequest(request, 'https://example.com/x')
 */
export function rebuildRequest(request: Request, url: string, headers: Headers = request.headers): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers,
    signal: request.signal,
    redirect: request.redirect,
  }
  if (request.body !== null) {
    init.body = request.body
    init.duplex = 'half'
  }
  return setEnviron(new Request(url, init), environOf(request))
}
