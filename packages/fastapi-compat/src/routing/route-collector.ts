import type { ParamsSpec } from '../dependencies/handler-types.js'
import type { Dependency } from '../params/types.js'
import type { RouteHandler, RouteOptions, RouteRecord } from './route-options.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD'

/** Shared by `FastAPI` and `APIRouter`: the path-operation methods. */
export abstract class RouteCollector {
  protected abstract addRoute(record: RouteRecord): void
  protected abstract get scopeDependencies(): Dependency<any, any>[]
  protected abstract get scopeTags(): string[]
  protected abstract get scopeResponses(): Record<string | number, Record<string, unknown>>

  #register(methods: Method[] | string[], path: string, a: unknown, b: unknown): this {
    const handler = (typeof a === 'function' ? a : b) as RouteHandler<any>
    const options = (typeof a === 'function' ? {} : (a ?? {})) as RouteOptions<any>
    if (typeof handler !== 'function') throw new TypeError(`The route ${path} needs a handler function.`)
    this.addRoute({
      path,
      methods: [...methods],
      options,
      handler,
      dependencies: [...this.scopeDependencies],
      tags: [...this.scopeTags, ...(options.tags ?? [])],
      responses: { ...this.scopeResponses, ...(options.responses ?? {}) },
    })
    return this
  }

  /**
   * A GET path operation.
   * @example
   * app.get('/items/{item_id}', { params: { item_id: v.number() } }, ({ item_id }) => ({ item_id }))
   */
  get<const P extends ParamsSpec = {}>(path: string, options: RouteOptions<P>, handler: RouteHandler<P>): this
  get(path: string, handler: RouteHandler<{}>): this
  get(path: string, a: unknown, b?: unknown): this {
    return this.#register(['GET'], path, a, b)
  }
  /** A POST path operation. */
  post<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P>,
    handler: RouteHandler<P>,
  ): this
  post(path: string, handler: RouteHandler<{}>): this
  post(path: string, a: unknown, b?: unknown): this {
    return this.#register(['POST'], path, a, b)
  }
  /** A PUT path operation. */
  put<const P extends ParamsSpec = {}>(path: string, options: RouteOptions<P>, handler: RouteHandler<P>): this
  put(path: string, handler: RouteHandler<{}>): this
  put(path: string, a: unknown, b?: unknown): this {
    return this.#register(['PUT'], path, a, b)
  }
  /** A PATCH path operation. */
  patch<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P>,
    handler: RouteHandler<P>,
  ): this
  patch(path: string, handler: RouteHandler<{}>): this
  patch(path: string, a: unknown, b?: unknown): this {
    return this.#register(['PATCH'], path, a, b)
  }
  /** A DELETE path operation. */
  delete<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P>,
    handler: RouteHandler<P>,
  ): this
  delete(path: string, handler: RouteHandler<{}>): this
  delete(path: string, a: unknown, b?: unknown): this {
    return this.#register(['DELETE'], path, a, b)
  }
  /** An OPTIONS path operation. */
  options<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P>,
    handler: RouteHandler<P>,
  ): this
  options(path: string, handler: RouteHandler<{}>): this
  options(path: string, a: unknown, b?: unknown): this {
    return this.#register(['OPTIONS'], path, a, b)
  }
  /** A HEAD path operation. */
  head<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P>,
    handler: RouteHandler<P>,
  ): this
  head(path: string, handler: RouteHandler<{}>): this
  head(path: string, a: unknown, b?: unknown): this {
    return this.#register(['HEAD'], path, a, b)
  }
  /**
   * A path operation for several methods (`methods`, default GET).
   * @example
   * app.api_route('/items', { methods: ['GET', 'POST'] }, () => 'ok')
   */
  api_route<const P extends ParamsSpec = {}>(
    path: string,
    options: RouteOptions<P> & { methods?: string[] },
    handler: RouteHandler<P>,
  ): this {
    return this.#register(
      (options.methods ?? ['GET']).map((m) => m.toUpperCase()),
      path,
      options,
      handler,
    )
  }
}
