import type { Context, MiddlewareHandler, Next } from 'hono'

/**
 * Starlette's middleware order on Hono's contract: the middleware added last runs outermost.
 * The chain is rebuilt only when a middleware is added.
 */
export class MiddlewareStack {
  readonly #items: MiddlewareHandler[] = []

  /** Adds a middleware outside the ones already there. */
  add(mw: MiddlewareHandler): void {
    this.#items.unshift(mw)
  }

  get size(): number {
    return this.#items.length
  }

  /** The single core middleware that runs the stack. */
  readonly handler: MiddlewareHandler = (c: Context, next: Next) => {
    const items = this.#items
    if (items.length === 0) return next()
    const dispatch = async (i: number): Promise<void> => {
      if (i === items.length) return next()
      const res = await items[i]!(c, () => dispatch(i + 1))
      if (res instanceof Response && res !== c.res) {
        // Replace rather than let Hono merge the inner response's headers into a new one.
        c.res = undefined
        c.res = res
      }
    }
    return dispatch(0)
  }
}

/**
 * `app.middleware('http')`'s function on Hono's contract: `call_next` runs the rest of the app and
 * resolves to its response.
 */
export function httpMiddleware(
  fn: (request: Request, call_next: (request?: Request) => Promise<Response>) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const res = await fn(c.req.raw, async () => {
      await next()
      return c.res
    })
    return res
  }
}
