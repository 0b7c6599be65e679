import { App, HTTPException as CoreHTTPException, createRateLimitedReporter } from '@bustapi/core'
import type { Context, ExecutionContext, MiddlewareHandler } from 'hono'
import { runAfterBody } from './dependencies/after-response.js'
import type { ParamsSpec } from './dependencies/handler-types.js'
import { createErrorRenderer, type ExceptionHandler, type ExceptionKey } from './exception-handlers.js'
import { HTTPException } from './exceptions.js'
import { httpMiddleware, MiddlewareStack } from './middleware/stack.js'
import { isWebSocketScope } from './middleware/websocket-scope.js'
import { getOpenAPI } from './openapi/document.js'
import { installDocs } from './openapi/setup.js'
import type { Dependency, DependencyTarget, RouteDeclaration } from './params/types.js'
import type { ResponseClass } from './responses/responses.js'
import { type APIRouter, includedRecords, type RouterOptions } from './routing/api-router.js'
import { compileRoute } from './routing/compile-route.js'
import { RouteCollector } from './routing/route-collector.js'
import type { RouteRecord } from './routing/route-options.js'
import {
  compileWebSocketRoute,
  includedWebSocketRecords,
  type WebSocketEndpoint,
  type WebSocketExceptionHandler,
  type WebSocketRecord,
  type WebSocketRouteOptions,
  websocketRecord,
} from './websockets/route.js'

/** FastAPI's application keywords. */
export interface FastAPIOptions {
  title?: string
  version?: string
  summary?: string
  description?: string
  openapi_url?: string | null
  docs_url?: string | null
  redoc_url?: string | null
  root_path?: string
  dependencies?: Dependency<any, any>[]
  lifespan?: (app: FastAPI) => AsyncGenerator<unknown, void, unknown>
  servers?: Array<Record<string, unknown>>
  openapi_tags?: Array<Record<string, unknown>>
  swagger_ui_parameters?: Record<string, unknown>
  /** Where Swagger UI returns after OAuth2 login (default `/docs/oauth2-redirect`; null for none). */
  swagger_ui_oauth2_redirect_url?: string | null
  swagger_ui_init_oauth?: Record<string, unknown>
  /** Swagger UI's script for `/docs` (default: swagger-ui-dist, served by the app). */
  swagger_js_url?: string
  /** Swagger UI's stylesheet for `/docs` (default: swagger-ui-dist, served by the app). */
  swagger_css_url?: string
  /** ReDoc's script for `/redoc` (default: the installed `redoc` package, else Redocly's CDN). */
  redoc_js_url?: string
  openapi_version?: string
  terms_of_service?: string
  contact?: Record<string, unknown>
  license_info?: Record<string, unknown>
  /** List `root_path` first in the document's `servers` (default true). */
  root_path_in_servers?: boolean
  responses?: Record<string | number, Record<string, unknown>>
  /** The response class of routes that name none (`JSONResponse` by default). */
  default_response_class?: ResponseClass
  /** Parse only JSON content types as JSON (default true, as FastAPI). */
  strict_content_type?: boolean
  /** Redirect `/items` to `/items/` (and back) when only the other exists; default true. */
  redirect_slashes?: boolean
}

/** A middleware class for `add_middleware`: constructed with its options, exposing a Hono handler. */
export interface MiddlewareClass<O> {
  new (options: O): { readonly handler: MiddlewareHandler }
}

/**
 * A FastAPI-style application on a core `App`: `app.fetch` serves it on every runtime.
 *
 * @example
 * const app = new FastAPI({ title: 'Shop' })
 * app.get('/items/{item_id}', { params: { item_id: v.number() } }, ({ item_id }) => ({ item_id }))
 * export default app
 */
export class FastAPI extends RouteCollector {
  /**
   * The core application every route of this app is registered on. The app's middleware runs
   * around it, in `fetch`: serve or mount the FastAPI app itself, not `core`, to keep middleware.
   */
  readonly core: App
  readonly title: string
  readonly version: string
  readonly summary: string | undefined
  readonly description: string
  readonly openapi_url: string | null
  readonly docs_url: string | null
  readonly redoc_url: string | null
  readonly root_path: string
  readonly servers: Array<Record<string, unknown>>
  readonly openapi_tags: Array<Record<string, unknown>> | undefined
  readonly swagger_ui_parameters: Record<string, unknown> | undefined
  readonly swagger_ui_oauth2_redirect_url: string | null
  readonly swagger_ui_init_oauth: Record<string, unknown> | undefined
  readonly swagger_js_url: string | undefined
  readonly swagger_css_url: string | undefined
  readonly redoc_js_url: string | undefined
  readonly dependencies: Dependency<any, any>[]
  readonly responses: Record<string | number, Record<string, unknown>>
  readonly strict_content_type: boolean
  readonly default_response_class: ResponseClass | undefined
  /** Replace a dependency by another in tests: `app.dependency_overrides.set(get_db, fake_db)`. */
  readonly dependency_overrides = new Map<DependencyTarget, DependencyTarget>()
  /** Every route's declaration, in registration order (what the OpenAPI generator reads). */
  readonly routes: RouteDeclaration[] = []
  /** The cached OpenAPI document, built on first use. */
  openapi_schema: Record<string, unknown> | undefined = undefined
  readonly #handlers = new Map<ExceptionKey, ExceptionHandler>()
  readonly #middleware = new MiddlewareStack()
  readonly #pending: Array<Promise<unknown>> = []
  readonly #matchers: RegExp[] = []
  readonly #renderError: (error: Error, c: Context) => Promise<Response>
  readonly #report: ReturnType<typeof createRateLimitedReporter>
  /** The middleware stack around `core`, built when the first middleware is added. */
  #wrapped: App | undefined = undefined
  readonly #openapiOptions: FastAPIOptions

  constructor(options: FastAPIOptions = {}) {
    super()
    this.title = options.title ?? 'FastAPI'
    this.version = options.version ?? '0.1.0'
    this.summary = options.summary
    this.description = options.description ?? ''
    this.openapi_url = options.openapi_url === undefined ? '/openapi.json' : options.openapi_url
    this.docs_url = options.docs_url === undefined ? '/docs' : options.docs_url
    this.redoc_url = options.redoc_url === undefined ? '/redoc' : options.redoc_url
    this.root_path = options.root_path ?? ''
    this.servers = options.servers ?? []
    this.openapi_tags = options.openapi_tags
    this.swagger_ui_parameters = options.swagger_ui_parameters
    this.swagger_ui_oauth2_redirect_url =
      options.swagger_ui_oauth2_redirect_url === undefined
        ? '/docs/oauth2-redirect'
        : options.swagger_ui_oauth2_redirect_url
    this.swagger_ui_init_oauth = options.swagger_ui_init_oauth
    this.swagger_js_url = options.swagger_js_url
    this.swagger_css_url = options.swagger_css_url
    this.redoc_js_url = options.redoc_js_url
    this.#openapiOptions = options
    this.dependencies = options.dependencies ?? []
    this.responses = options.responses ?? {}
    this.strict_content_type = options.strict_content_type ?? true
    this.default_response_class = options.default_response_class
    const report = createRateLimitedReporter()
    this.#report = report
    this.core = new App({ reportError: report })
    this.#renderError = createErrorRenderer(this.#handlers, report)
    this.core.onError(this.#renderError)
    if (options.redirect_slashes !== false) this.core.notFound((c) => this.#redirectSlashes(c))
    installDocs(this)
    if (options.lifespan) {
      const lifespan = options.lifespan
      this.core.lifespan(() => lifespan(this))
    }
  }

  /**
   * The single entry point on every runtime. Without middleware, requests go straight to `core`,
   * whose router then takes Hono's single-handler path (no compose, and a synchronous answer when
   * the route is synchronous); with middleware, through the stack around it.
   */
  readonly fetch = (request: Request, env?: unknown, ctx?: ExecutionContext): Response | Promise<Response> =>
    (this.#wrapped ?? this.core).fetch(request, env, ctx)

  /**
   * The middleware stack as an app of its own around `core`, so that middleware sees every answer
   * of the core (routes, 404, 405, OPTIONS, docs) as Starlette's middleware does.
   */
  #wrap(): void {
    if (this.#wrapped !== undefined) return
    const outer = new App({ reportError: this.#report })
    outer.onError(this.#renderError)
    outer.use(this.#middleware.handler)
    outer.all('*', (c) => this.core.fetch(c.req.raw, c.env, executionContextOf(c)))
    this.#wrapped = outer
  }

  protected addRoute(record: RouteRecord): void {
    const { pattern, declaration, handler } = compileRoute(record, this)
    this.routes.push(declaration)
    this.#matchers.push(pathMatcher(record.path))
    this.openapi_schema = undefined
    this.core.add({
      method: record.methods,
      path: pattern,
      handler,
      name: declaration.name,
      meta: { fastapi: declaration },
    })
  }
  protected get scopeDependencies() {
    return this.dependencies
  }
  protected get scopeTags(): string[] {
    return []
  }
  protected get scopeResponses() {
    return this.responses
  }

  /**
   * The OpenAPI document of every route, built on first use and cached (FastAPI's `app.openapi()`);
   * assign `app.openapi_schema` to replace it, or register a route to rebuild it.
   * @example
   * const doc = app.openapi(); doc.info.title === app.title
   */
  openapi(): Record<string, unknown> {
    if (this.openapi_schema === undefined) {
      const o = this.#openapiOptions
      this.openapi_schema = getOpenAPI({
        title: this.title,
        version: this.version,
        openapi_version: o.openapi_version,
        summary: this.summary,
        description: this.description,
        terms_of_service: o.terms_of_service,
        contact: o.contact,
        license_info: o.license_info,
        routes: this.routes,
        tags: this.openapi_tags,
        servers: this.servers,
        root_path: o.root_path_in_servers === false ? undefined : this.root_path,
      })
    }
    return this.openapi_schema
  }

  /**
   * Adds a router's routes, with an extra prefix, tags, dependencies and responses.
   * @example
   * app.include_router(items.router, { prefix: '/items', tags: ['items'] })
   */
  include_router(router: APIRouter, options: RouterOptions = {}): this {
    for (const r of includedRecords(router, options)) {
      this.addRoute({
        ...r,
        dependencies: [...this.dependencies, ...r.dependencies],
        responses: { ...this.responses, ...r.responses },
      })
    }
    for (const r of includedWebSocketRecords(router.websocket_records, options))
      this.#addWebSocket({ ...r, dependencies: [...this.dependencies, ...r.dependencies] })
    return this
  }

  /**
   * A WebSocket endpoint, its parameters declared as an HTTP route's (no body); it receives the
   * `WebSocket`, then the validated values. Not part of the OpenAPI document.
   * @example
   * app.websocket('/ws', async (websocket) => {
   *   await websocket.accept()
   *   for await (const data of websocket.iter_text()) await websocket.send_text(`Message text was: ${data}`)
   * })
   */
  websocket<const P extends ParamsSpec = {}>(
    path: string,
    options: WebSocketRouteOptions<P>,
    endpoint: WebSocketEndpoint<P>,
  ): this
  websocket(path: string, endpoint: WebSocketEndpoint<{}>): this
  websocket(path: string, a: unknown, b?: unknown): this {
    this.#addWebSocket(websocketRecord(path, a, b, this.dependencies))
    return this
  }

  /** Starlette's `websocket_route`: a WebSocket endpoint without parameters or dependencies. */
  websocket_route(path: string, endpoint: WebSocketEndpoint<{}>, options: { name?: string } = {}): this {
    this.#addWebSocket(websocketRecord(path, options, endpoint, []))
    return this
  }

  #addWebSocket(record: WebSocketRecord): void {
    const { pattern, name, handler } = compileWebSocketRoute(record, this)
    this.core.websocket(pattern, handler, { name })
  }

  /** The handler registered for an error's class (most specific first), if any. */
  exceptionHandlerFor(error: unknown): ExceptionHandler | undefined {
    if (error === null || typeof error !== 'object') return undefined
    for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const handler = this.#handlers.get(proto.constructor)
      if (handler !== undefined && proto.constructor !== Error) return handler
    }
    return undefined
  }

  /**
   * Renders an error class (and its subclasses) or an HTTP status with your own handler.
   * @example
   * app.exception_handler(UnicornException, (req, exc) => new JSONResponse({ message: `Oops! ${exc.name} did something.` }, { status_code: 418 }))
   */
  exception_handler<E>(key: ExceptionKey, handler: ExceptionHandler<E>): this
  exception_handler<E>(key: ExceptionKey, handler: WebSocketExceptionHandler<E>): this
  exception_handler<E>(key: ExceptionKey, handler: ExceptionHandler<E> | WebSocketExceptionHandler<E>): this {
    // One table for both, as Starlette's: a WebSocket route calls the handler with its WebSocket.
    const stored = handler as ExceptionHandler
    this.#handlers.set(key, stored)
    if (key === HTTPException) this.#handlers.set(CoreHTTPException, stored)
    return this
  }

  /**
   * `@app.middleware('http')`: a function around every request with `call_next`.
   * @example
   * app.middleware('http', async (request, call_next) => { const res = await call_next(request); res.headers.set('X-Process-Time', '0'); return res })
   */
  middleware(
    type: 'http',
    fn: (
      request: Request,
      call_next: (request?: Request) => Promise<Response>,
    ) => Response | Promise<Response>,
  ): this {
    if (type !== 'http') throw new Error(`Only 'http' middleware exists; got '${type}'.`)
    const mw = httpMiddleware(fn)
    // Starlette runs `http` middleware for HTTP only: a WebSocket handshake passes it by.
    this.#middleware.add((c, next) => (isWebSocketScope(c) ? next() : mw(c, next)))
    this.#wrap()
    return this
  }

  /**
   * Adds a middleware class (`CORSMiddleware`, `GZipMiddleware`, ...) outside the existing ones,
   * or any Hono middleware.
   * @example
   * app.add_middleware(CORSMiddleware, { allow_origins: ['https://example.com'] })
   */
  add_middleware<O>(cls: MiddlewareClass<O>, ...options: {} extends O ? [options?: O] : [options: O]): this
  add_middleware(handler: MiddlewareHandler): this
  add_middleware<O>(cls: MiddlewareClass<O> | MiddlewareHandler, ...rest: [options?: O]): this {
    const options = rest[0]
    const handler = isClass(cls)
      ? new (cls as MiddlewareClass<O>)(options as O).handler
      : (cls as MiddlewareHandler)
    this.#middleware.add(handler)
    this.#wrap()
    return this
  }

  /**
   * Registers a startup or shutdown function (`@app.on_event`).
   * @example
   * app.on_event('startup', async () => { items.foo = { name: 'Fighters' } })
   */
  on_event(event: 'startup' | 'shutdown', fn: () => unknown): this {
    const run = async () => {
      await fn()
    }
    if (event === 'startup') this.core.onStartup(run)
    else this.core.onShutdown(run)
    return this
  }

  /** Runs startup functions and the lifespan up to its `yield`. */
  startup(): Promise<void> {
    return this.core.startup()
  }
  /** Runs the lifespan after its `yield` and the shutdown functions. */
  shutdown(): Promise<void> {
    return this.core.shutdown()
  }

  /** Background work started by requests that has not finished (the TestClient waits for it). */
  get pendingBackground(): readonly Promise<unknown>[] {
    return this.#pending
  }

  /** Starlette's `redirect_slashes`: 307 to the same path with or without its trailing slash. */
  #redirectSlashes(c: Context): Response | Promise<Response> {
    const url = new URL(c.req.url)
    const path = url.pathname
    if (path !== '/') {
      url.pathname = path.endsWith('/') ? path.slice(0, -1) : `${path}/`
      if (this.#matchers.some((m) => m.test(url.pathname))) {
        return new Response(null, { status: 307, headers: { location: url.toString() } })
      }
    }
    // Rendered here, not thrown: Hono does not route a not-found handler's throw through the
    // middleware, and `app.middleware('http')` must see the 404 as Starlette's does.
    return this.#renderError(new CoreHTTPException(404, 'Not Found'), c)
  }

  /**
   * Runs background tasks and request-scoped dependency cleanup once the response has been sent:
   * tracked with the runtime's `waitUntil` when it gives one, and by the TestClient.
   */
  afterResponse(c: Context, response: Response, work: () => Promise<void>): Response {
    const after = runAfterBody(response, work, c.req.method === 'HEAD')
    const tracked = after.done.catch((error) => console.error('[bustapi] after-response work failed:', error))
    this.#pending.push(tracked)
    void tracked.finally(() => this.#pending.splice(this.#pending.indexOf(tracked), 1))
    try {
      c.executionCtx.waitUntil(tracked)
    } catch {
      // No execution context (Node, Bun, Deno): the stream or the timer keeps the work alive.
    }
    return after.response
  }
}

function pathMatcher(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) =>
      part.startsWith('{')
        ? part.endsWith(':path}')
          ? '.+'
          : '[^/]+'
        : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}$`)
}

/** The runtime's execution context, if it gave one (Hono's getter throws when there is none). */
function executionContextOf(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}

function isClass(fn: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn))
}
