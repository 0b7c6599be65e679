import type { MiddlewareHandler } from 'hono'

/** Options of `TrustedHostMiddleware`, with Starlette's names and defaults. */
export interface TrustedHostOptions {
  /** Host names served; `'*.example.com'` matches subdomains, `'*'` anything (the default). */
  allowed_hosts?: readonly string[]
  /** Redirect `example.com` to `www.example.com` when only the latter is allowed (default true). */
  www_redirect?: boolean
}

/**
 * Starlette's `TrustedHostMiddleware`: a request whose `Host` is not allowed answers 400 `Invalid
 * host header`, or a 307 to the `www.` host when that one is allowed.
 *
 * @example
 * app.add_middleware(TrustedHostMiddleware, { allowed_hosts: ['example.com', '*.example.com'] })
 */
export class TrustedHostMiddleware {
  readonly handler: MiddlewareHandler

  constructor(options: TrustedHostOptions = {}) {
    const allowed = [...(options.allowed_hosts ?? ['*'])]
    for (const pattern of allowed) {
      if (
        pattern.slice(1).includes('*') ||
        (pattern.startsWith('*') && pattern !== '*' && !pattern.startsWith('*.'))
      ) {
        throw new Error(`Domain wildcard patterns must be like '*.example.com'; got '${pattern}'.`)
      }
    }
    const wwwRedirect = options.www_redirect ?? true
    if (allowed.includes('*')) {
      this.handler = (_c, next) => next()
      return
    }
    this.handler = async (c, next) => {
      const url = new URL(c.req.url)
      const host = (c.req.header('host') ?? url.host).split(':')[0]!
      let redirect = false
      for (const pattern of allowed) {
        if (host === pattern || (pattern.startsWith('*') && host.endsWith(pattern.slice(1)))) return next()
        if (`www.${host}` === pattern) redirect = true
      }
      if (redirect && wwwRedirect) {
        url.host = `www.${c.req.header('host') ?? url.host}`
        return new Response(null, { status: 307, headers: { location: url.toString() } })
      }
      return new Response('Invalid host header', {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      })
    }
  }
}
