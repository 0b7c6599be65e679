import type { Context, Env, ExecutionContext, Handler, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { createRequestContext, runWithContext } from './context.js'
import {
  createDefaultErrorHandler,
  createRateLimitedReporter,
  type ErrorHandler,
  type ErrorReporter,
} from './error-handler.js'
import { HTTPException } from './http-exception.js'
import { MethodIndex } from './internal/method-index.js'
import { joinPaths } from './internal/paths.js'
import {
  type AfterRequestHook,
  type BeforeRequestHook,
  createLifecycleMiddleware,
  hasHooks,
  Lifecycle,
  type Lifespan,
  type RequestHooks,
  type TeardownRequestHook,
} from './lifecycle.js'
import { type RouteInfo, routeOf, tagHandler } from './route.js'
import { createWebSocketHandler, type WebSocketHandler, type WebSocketOptions } from './websocket/route.js'

type Awaitable<T> = T | Promise<T>

/** What `app.fetch` accepts besides the request: runtime bindings and the execution context. */
export type FetchHandler = (request: Request, env?: unknown, ctx?: ExecutionContext) => Awaitable<Response>

/** A route as a compat layer declares it: methods, pattern, handler chain, name and metadata. */
export interface RouteDefinition<E extends Env = Env, Meta = Record<string, unknown>> {
  method: string | readonly string[]
  /** A Hono pattern: `/users/:id`, `/files/*`, `/posts/:id{[0-9]+}`. */
  path: string
  handler: Handler<E, any>
  middleware?: readonly MiddlewareHandler<E, any>[]
  /** The endpoint name; defaults to the handler's name, else `METHOD path`. */
  name?: string
  meta?: Meta
}

export interface AppOptions {
  /** Distinguish `/a` from `/a/` (Hono's `strict`); default true. */
  strict?: boolean
  /** Run every request inside the request context (AsyncLocalStorage); default false. */
  context?: boolean
  /** Where unexpected errors go; default logs at most one line a second. */
  reportError?: ErrorReporter
}

type Definition =
  | { kind: 'use'; path: string; handlers: MiddlewareHandler[] }
  | { kind: 'route'; info: RouteInfo; handlers: Function[] }
  | { kind: 'mount'; prefix: string; app: App<any> }
  | { kind: 'foreign'; prefix: string; target: Hono<any, any, any> | { fetch: FetchHandler } }

/**
 * A fetch-handler application on Hono's router and middleware contract, with route metadata,
 * mounting, lifecycle hooks and correct 405/HEAD/OPTIONS answers.
 *
 * @example
 * const app = new App()
 * app.use(cors())
 * app.get('/users/:id', (c) => c.json({ id: c.req.param('id') }))
 * export default app
 */
export class App<E extends Env = Env> {
  readonly #defs: Definition[] = []
  readonly #hooks: RequestHooks = { before: [], after: [], teardown: [] }
  readonly #lifecycle = new Lifecycle<App<E>>()
  readonly #parents = new Set<App<any>>()
  readonly #options: AppOptions
  readonly #report: ErrorReporter
  #errorHandler: ErrorHandler | undefined
  #notFoundHandler: Handler<E> | undefined
  #compiled: Hono<any> | undefined
  #routes: RouteInfo[] | undefined

  constructor(options: AppOptions = {}) {
    this.#options = options
    this.#report = options.reportError ?? createRateLimitedReporter()
  }

  /** The single entry point on every runtime: `export default app` works on Bun, Deno and Workers. */
  readonly fetch = (request: Request, env?: unknown, ctx?: ExecutionContext): Awaitable<Response> =>
    (this.#compiled ?? this.#compile()).fetch(request, env, ctx)

  /**
   * In-process request for tests: a path (resolved against `http://localhost`), a URL or a Request.
   * @example
   * const res = await app.request('/users/1', { headers: { accept: 'application/json' } })
   */
  request(
    input: string | URL | Request,
    init?: RequestInit,
    env?: unknown,
    ctx?: ExecutionContext,
  ): Promise<Response> {
    let request: Request
    if (input instanceof Request) request = init ? new Request(input, init) : input
    else {
      const text = input.toString()
      const url = /^https?:\/\//.test(text)
        ? text
        : `http://localhost${text.startsWith('/') ? '' : '/'}${text}`
      request = new Request(url, init)
    }
    return Promise.resolve(this.fetch(request, env, ctx))
  }

  /** Every route, mount prefixes applied, in registration order. */
  get routes(): readonly RouteInfo[] {
    if (this.#routes === undefined) {
      const seen = new Set<RouteInfo>()
      for (const r of (this.#compiled ?? this.#compile()).routes) {
        const info = routeOf(r.handler)
        if (info !== undefined) seen.add(info)
      }
      this.#routes = [...seen]
    }
    return this.#routes
  }

  /** Adds middleware with Hono's `(c, next)` contract, for every path or for a pattern. */
  use(...handlers: MiddlewareHandler<E, any>[]): this
  use(path: string, ...handlers: MiddlewareHandler<E, any>[]): this
  use(first: string | MiddlewareHandler<E, any>, ...rest: MiddlewareHandler<E, any>[]): this {
    const path = typeof first === 'string' ? first : '*'
    const handlers = (typeof first === 'string' ? rest : [first, ...rest]) as MiddlewareHandler[]
    return this.#define({ kind: 'use', path, handlers })
  }

  /** Registers a route with its metadata; the form compat layers use. */
  add<Meta = Record<string, unknown>>(def: RouteDefinition<E, Meta>): RouteInfo<Meta> {
    const methods = (typeof def.method === 'string' ? [def.method] : [...def.method]).map((m) =>
      m.toUpperCase(),
    )
    const name = def.name ?? (def.handler.name || `${methods.join(',')} ${def.path}`)
    const info: RouteInfo<any> = {
      methods,
      path: def.path,
      declaredPath: def.path,
      name,
      meta: def.meta ?? {},
    }
    this.#define({ kind: 'route', info, handlers: [...(def.middleware ?? []), def.handler] })
    return info
  }

  on<P extends string>(method: string | readonly string[], path: P, ...handlers: RouteHandlers<E, P>): this {
    this.add({
      method,
      path,
      handler: handlers.at(-1) as Handler<E>,
      middleware: handlers.slice(0, -1) as any,
    })
    return this
  }
  get<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('GET', path, ...handlers)
  }
  post<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('POST', path, ...handlers)
  }
  put<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('PUT', path, ...handlers)
  }
  patch<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('PATCH', path, ...handlers)
  }
  delete<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('DELETE', path, ...handlers)
  }
  options<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('OPTIONS', path, ...handlers)
  }
  all<P extends string>(path: P, ...handlers: RouteHandlers<E, P>): this {
    return this.on('ALL', path, ...handlers)
  }

  /**
   * Registers a WebSocket endpoint: a GET route that upgrades once the handler calls `accept()`.
   * @example
   * app.websocket('/echo', async (ws) => {
   *   await ws.accept()
   *   for await (const message of ws) ws.send(message)
   * })
   */
  websocket(
    path: string,
    handler: WebSocketHandler,
    options: WebSocketOptions & { name?: string } = {},
  ): this {
    const { name, ...rest } = options
    const reportError = rest.reportError ?? this.#report
    this.add({
      method: 'GET',
      path,
      handler: createWebSocketHandler(handler, { ...rest, reportError }),
      name: name ?? (handler.name || `WEBSOCKET ${path}`),
      meta: { websocket: true },
    })
    return this
  }

  /**
   * Serves another application under a prefix. An `App` keeps its own middleware, hooks, error
   * and not-found handlers and is compiled into this app's router (no per-request URL rewriting);
   * a Hono app is merged the same way; any other `{ fetch }` sees the path with the prefix removed.
   * @example
   * app.mount('/api', api)
   */
  mount(prefix: string, app: App<any> | Hono<any, any, any> | { fetch: FetchHandler }): this {
    if (app instanceof App) {
      if (app === this || app.#contains(this)) throw new Error('An app cannot be mounted inside itself.')
      app.#parents.add(this)
      return this.#define({ kind: 'mount', prefix, app })
    }
    return this.#define({ kind: 'foreign', prefix, target: app })
  }

  /** Renders errors thrown by this app's handlers, middleware and hooks. */
  onError(handler: ErrorHandler): this {
    this.#errorHandler = handler
    return this.#invalidate()
  }

  /** Answers requests no route of this app matches (after the 405 check). */
  notFound(handler: Handler<E>): this {
    this.#notFoundHandler = handler
    return this.#invalidate()
  }

  /** Runs before every request of this app; a returned Response short-circuits. */
  beforeRequest(hook: BeforeRequestHook): this {
    this.#hooks.before.push(hook)
    return this.#invalidate()
  }
  /** Runs after every request of this app, error responses included; may replace the response. */
  afterRequest(hook: AfterRequestHook): this {
    this.#hooks.after.push(hook)
    return this.#invalidate()
  }
  /** Always runs when a request of this app ends, with the error if the handler threw. */
  teardownRequest(hook: TeardownRequestHook): this {
    this.#hooks.teardown.push(hook)
    return this.#invalidate()
  }

  onStartup(fn: () => Awaitable<void>): this {
    this.#lifecycle.onStartup(fn)
    return this
  }
  onShutdown(fn: () => Awaitable<void>): this {
    this.#lifecycle.onShutdown(fn)
    return this
  }
  /** An async generator: before its first `yield` runs at startup, after it at shutdown. */
  lifespan(fn: Lifespan<App<E>>): this {
    this.#lifecycle.lifespan(fn)
    return this
  }

  /** Runs startup for this app and every mounted app (once; later calls return at once). */
  async startup(): Promise<void> {
    await this.#lifecycle.startup(this)
    for (const def of this.#defs) if (def.kind === 'mount') await def.app.startup()
  }

  /** Runs shutdown for mounted apps (innermost first), then this app. */
  async shutdown(): Promise<void> {
    for (const def of [...this.#defs].reverse()) if (def.kind === 'mount') await def.app.shutdown()
    await this.#lifecycle.shutdown()
  }

  /** The error handler in force for this app: its own, else the default one. */
  get errorHandler(): ErrorHandler {
    return this.#errorHandler ?? createDefaultErrorHandler(this.#report)
  }

  #define(def: Definition): this {
    this.#defs.push(def)
    return this.#invalidate()
  }

  #invalidate(): this {
    this.#compiled = undefined
    this.#routes = undefined
    for (const parent of this.#parents) parent.#invalidate()
    return this
  }

  #contains(app: App<any>): boolean {
    return this.#defs.some((d) => d.kind === 'mount' && (d.app === app || d.app.#contains(app)))
  }

  #compile(): Hono<any> {
    const hono = new Hono({ strict: this.#options.strict ?? true })
    const index = new MethodIndex()
    const onError = this.errorHandler
    if (this.#options.context) {
      hono.use('*', (c, next) => runWithContext(createRequestContext(c), next))
    }
    this.#register(hono, '', index, true)
    hono.notFound((c) => this.#answerUnmatched(c, index, onError))
    hono.onError(onError)
    this.#compiled = hono
    return hono
  }

  /** Registers this app's definitions into `hono` under `prefix`, recursing into mounted apps. */
  #register(hono: Hono<any>, prefix: string, index: MethodIndex, isRoot: boolean): void {
    const onError = !isRoot && this.#errorHandler !== undefined ? this.#errorHandler : undefined
    const guard = onError ? (h: Function) => guardWith(h as MiddlewareHandler, onError) : (h: Function) => h
    const scope = joinPaths(prefix, '*')
    if (hasHooks(this.#hooks)) {
      hono.use(scope, guard(createLifecycleMiddleware(this.#hooks, this.#report)) as MiddlewareHandler)
    }
    for (const def of this.#defs) {
      if (def.kind === 'use') {
        hono.use(joinPaths(prefix, def.path), ...(def.handlers.map(guard) as MiddlewareHandler[]))
      } else if (def.kind === 'route') {
        const path = joinPaths(prefix, def.info.declaredPath)
        const info: RouteInfo = { ...def.info, path }
        const chain = def.handlers.map(guard)
        chain[chain.length - 1] = tagHandler(chain[chain.length - 1]!, info)
        const methods = def.info.methods.includes('ALL') ? ['ALL'] : (def.info.methods as string[])
        hono.on(methods, path, ...(chain as [Handler]))
        index.add(def.info.methods.includes('ALL') ? ALL_METHODS : def.info.methods, path)
      } else if (def.kind === 'mount') {
        def.app.#register(hono, joinPaths(prefix, def.prefix), index, false)
      } else if (def.target instanceof Hono) {
        hono.route(joinPaths(prefix, def.prefix), def.target)
      } else {
        hono.mount(joinPaths(prefix, def.prefix), def.target.fetch as any)
      }
    }
    // A mounted app with its own not-found or error handler answers its own unmatched paths.
    if (!isRoot && (this.#notFoundHandler !== undefined || this.#errorHandler !== undefined)) {
      const own = (c: Context) => this.#answerUnmatched(c, index, this.errorHandler)
      hono.all(scope, own)
      if (prefix !== '') hono.all(prefix, own)
    }
  }

  /** 405 with `Allow` when another method would match, 204 for OPTIONS, else this app's 404. */
  #answerUnmatched(c: Context, index: MethodIndex, onError: ErrorHandler): Awaitable<Response> {
    const allowed = index.allowed(c.req.path)
    if (allowed.length > 0) {
      const allow = allowed.join(', ')
      if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow } })
      return onError(new HTTPException(405, 'Method Not Allowed', { allow }), c)
    }
    if (this.#notFoundHandler !== undefined)
      return this.#notFoundHandler(c, async () => {}) as Awaitable<Response>
    return onError(new HTTPException(404, 'Not Found'), c)
  }
}

type RouteHandlers<E extends Env, P extends string> = [...MiddlewareHandler<E, P>[], Handler<E, P>]

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Errors thrown inside a mounted app answer with that app's handler, as Hono's `route()` does. */
function guardWith(handler: MiddlewareHandler, onError: ErrorHandler): MiddlewareHandler {
  const guarded: MiddlewareHandler = async (c, next) => {
    try {
      return await handler(c, next)
    } catch (error) {
      if (!(error instanceof Error)) throw error
      c.error = error
      c.res = await onError(error, c)
      return c.res
    }
  }
  return guarded
}
