import type { ParamsSpec } from '../dependencies/handler-types.js'
import type { Dependency } from '../params/types.js'
import type { ResponseClass } from '../responses/responses.js'
import {
  includedWebSocketRecords,
  type WebSocketEndpoint,
  type WebSocketRecord,
  type WebSocketRouteOptions,
  websocketRecord,
} from '../websockets/route.js'
import { joinPath } from './path.js'
import { RouteCollector } from './route-collector.js'
import type { RouteRecord } from './route-options.js'

/** Options shared by `new APIRouter(...)` and `include_router(...)`. */
export interface RouterOptions {
  prefix?: string
  tags?: string[]
  dependencies?: Dependency<any, any>[]
  responses?: Record<string | number, Record<string, unknown>>
  /** The response class of routes that name none (a route's own `response_class` wins). */
  default_response_class?: ResponseClass
}

/** A record whose route names no response class, given `cls` (FastAPI's `Default(...)` fallback). */
function withDefaultClass(record: RouteRecord, cls: ResponseClass | undefined): RouteRecord {
  if (cls === undefined || record.options.response_class !== undefined) return record
  return { ...record, options: { ...record.options, response_class: cls } }
}

/**
 * FastAPI's `APIRouter`: a group of routes with a prefix, tags, dependencies and responses, added
 * to an app (or another router) by `include_router`.
 *
 * @example
 * const router = new APIRouter({ prefix: '/items', tags: ['items'] })
 * router.get('/', () => fake_items_db)
 * app.include_router(router)
 */
export class APIRouter extends RouteCollector {
  readonly prefix: string
  readonly tags: string[]
  readonly dependencies: Dependency<any, any>[]
  readonly responses: Record<string | number, Record<string, unknown>>
  readonly default_response_class: ResponseClass | undefined
  /** The routes as declared (paths with this router's prefix). */
  readonly records: RouteRecord[] = []
  /** The WebSocket routes as declared (paths with this router's prefix). */
  readonly websocket_records: WebSocketRecord[] = []

  constructor(options: RouterOptions = {}) {
    super()
    this.prefix = options.prefix ?? ''
    joinPath(this.prefix, '')
    this.tags = options.tags ?? []
    this.dependencies = options.dependencies ?? []
    this.responses = options.responses ?? {}
    this.default_response_class = options.default_response_class
  }

  protected addRoute(record: RouteRecord): void {
    // Resolved now: a route's own class, then this router's default, come before any include's.
    const own = withDefaultClass(record, this.default_response_class)
    this.records.push({ ...own, path: joinPath(this.prefix, record.path) })
  }
  protected get scopeDependencies() {
    return this.dependencies
  }
  protected get scopeTags() {
    return this.tags
  }
  protected get scopeResponses() {
    return this.responses
  }

  /**
   * Adds another router's routes under an extra prefix, tags, dependencies and responses.
   * @example
   * api.include_router(items, { prefix: '/v1' })
   */
  include_router(router: APIRouter, options: RouterOptions = {}): this {
    for (const r of includedRecords(router, options)) {
      this.records.push({
        ...withDefaultClass(r, this.default_response_class),
        path: joinPath(this.prefix, r.path),
        dependencies: [...this.dependencies, ...r.dependencies],
        tags: [...this.tags, ...r.tags],
        responses: { ...this.responses, ...r.responses },
      })
    }
    for (const r of includedWebSocketRecords(router.websocket_records, options)) {
      this.websocket_records.push({
        ...r,
        path: joinPath(this.prefix, r.path),
        dependencies: [...this.dependencies, ...r.dependencies],
      })
    }
    return this
  }

  /**
   * A WebSocket endpoint on this router (see `FastAPI.websocket`).
   * @example
   * router.websocket('/router2', async (websocket) => { await websocket.accept(); await websocket.send_text('Hello, router!') })
   */
  websocket<const P extends ParamsSpec = {}>(
    path: string,
    options: WebSocketRouteOptions<P>,
    endpoint: WebSocketEndpoint<P>,
  ): this
  websocket(path: string, endpoint: WebSocketEndpoint<{}>): this
  websocket(path: string, a: unknown, b?: unknown): this {
    const record = websocketRecord(path, a, b, this.dependencies)
    this.websocket_records.push({ ...record, path: joinPath(this.prefix, path) })
    return this
  }

  /** Starlette's `websocket_route`: a WebSocket endpoint without parameters or dependencies. */
  websocket_route(path: string, endpoint: WebSocketEndpoint<{}>, options: { name?: string } = {}): this {
    const record = websocketRecord(path, options, endpoint, [])
    this.websocket_records.push({ ...record, path: joinPath(this.prefix, path) })
    return this
  }
}

/**
 * A router's routes as seen through `include_router(router, options)`; the include's
 * `default_response_class` applies to routes whose class is still unset (the app's comes last).
 */
export function includedRecords(router: APIRouter, options: RouterOptions): RouteRecord[] {
  const prefix = options.prefix ?? ''
  return router.records.map((r) => ({
    ...withDefaultClass(r, options.default_response_class),
    path: joinPath(prefix, r.path),
    dependencies: [...(options.dependencies ?? []), ...r.dependencies],
    tags: [...(options.tags ?? []), ...r.tags],
    responses: { ...(options.responses ?? {}), ...r.responses },
  }))
}
