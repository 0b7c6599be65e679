/** The shapes a Flask-style middleware wraps: a fetch handler, or anything with a `fetch` method. */

// Method syntax keeps parameters bivariant, so `app.fetch` typed with its own env/ctx types fits.
type Bivariant = {
  handler(request: Request, env?: unknown, ctx?: unknown): Response | Promise<Response>
}

/**
 * A Web fetch handler: what `app.wsgi_app` holds and what every middleware is called as.
 *
 * @example
 * const hello: FetchHandler = async () => new Response('hi')
 */
export type FetchHandler = Bivariant['handler']

/** A fetch handler or an application object with a `fetch` method (Flask, FastAPI, core or Hono app). */
export type FetchTarget = FetchHandler | { fetch: FetchHandler }

/**
 * A plain fetch handler for a target, calling `fetch` as a method so `this` stays bound.
 *
 * @example
 * const handler = toHandler(otherApp)
 */
export function toHandler(target: FetchTarget): FetchHandler {
  if (typeof target === 'function') return target
  return (request, env, ctx) => target.fetch(request, env, ctx)
}
