import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'

/**
 * One route as the router holds it: methods, full pattern (mount prefixes included), endpoint name
 * and the free-form declarations a compat layer attached (converters, schemas, response model...).
 */
export interface RouteInfo<Meta = Record<string, unknown>> {
  readonly methods: readonly string[]
  /** The Hono pattern with every mount prefix applied, e.g. `/api/users/:id`. */
  readonly path: string
  /** The pattern as declared on its own app, before mount prefixes. */
  readonly declaredPath: string
  readonly name: string
  readonly meta: Readonly<Meta>
}

const ROUTE = Symbol.for('bustapi.route')

type Tagged = Function & { [ROUTE]?: RouteInfo<any> }

/** Attaches route info to the handler the router stores, wrapping it if it already carries one. */
export function tagHandler<F extends Function>(handler: F, info: RouteInfo<any>): F {
  let target = handler as unknown as Tagged
  if (target[ROUTE] !== undefined) {
    const inner = handler as unknown as (...args: unknown[]) => unknown
    target = ((...args: unknown[]) => inner(...args)) as Tagged
  }
  Object.defineProperty(target, ROUTE, { value: info })
  return target as unknown as F
}

/** The route info a handler registered in the router carries, if any. */
export function routeOf(handler: Function): RouteInfo<any> | undefined {
  return (handler as Tagged)[ROUTE]
}

/**
 * The route that handles the current request (the first matched route handler), as seen from a
 * middleware, a hook or the handler itself.
 *
 * @example
 * app.use(async (c, next) => { console.log(currentRoute(c)?.name); await next() })
 */
export function currentRoute<Meta = Record<string, unknown>>(c: Context<any>): RouteInfo<Meta> | undefined {
  for (const r of matchedRoutes(c)) {
    const info = routeOf(r.handler)
    if (info !== undefined) return info as RouteInfo<Meta>
  }
  return undefined
}
