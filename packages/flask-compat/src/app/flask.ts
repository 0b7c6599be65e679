import {
  App,
  type Context,
  HTTPException as CoreHTTPException,
  createRateLimitedReporter,
} from '@bustapi/core'
import { HTTPException, InternalServerError } from '../exceptions.js'
import { tryFlaskState } from '../internal/state.js'
import { UrlMap, type UrlMap as UrlMapType } from '../routing/map.js'
import type { Rule } from '../routing/rule.js'
import { type SecretKey, SecureCookieSessionInterface, type SessionInterface } from '../sessions/index.js'
import type { TemplateEnvironment, TemplateTest } from '../templating/index.js'
import type { Response } from '../wrappers/response.js'
import type { Blueprint, BlueprintOptions } from './blueprint.js'
import { Config, initialConfig } from './config.js'
import { appContext, type TestRequestOptions, testRequestContext } from './contexts.js'
import { handleRequest, handleUnmatched, PROPAGATING } from './dispatch.js'
import { errorPage, registerRule, staticView } from './flask-internals.js'
import { toResponse } from './make-response.js'
import { basename, joinPath, nameFor, rootPathFor } from './paths.js'
import { Scaffold } from './scaffold.js'
import { createAppTemplateEnvironment } from './templating.js'
import { FlaskClient } from './testing.js'
import type { RouteOptions, TeardownFn, View } from './types.js'
import { type UrlBuildErrorHandler, type UrlForValues, urlFor } from './url-for.js'

type Awaitable<T> = T | Promise<T>
type FetchFn = (request: globalThis.Request, env?: unknown, ctx?: unknown) => Awaitable<globalThis.Response>

/** Options of `new Flask(...)`, named as Flask's keyword arguments. */
export interface FlaskOptions {
  /** Folder of static files, relative to `root_path`; null for none. Default `'static'`. */
  static_folder?: string | null
  /** URL prefix of the static route. Default `/<basename of static_folder>`. */
  static_url_path?: string | null
  /** Folder of templates, relative to `root_path`. Default `'templates'`. */
  template_folder?: string | null
  /** Where folders are looked up; default: the folder of `import_name` (a module URL) or the cwd. */
  root_path?: string
}

/** What `app.run()` takes. */
export interface RunOptions {
  host?: string
  port?: number
  debug?: boolean
  [option: string]: unknown
}

/**
 * A Flask application on BustAPI's core: Flask's routing rules, hooks, blueprints, sessions,
 * templates and error handling; `app.fetch` is a Web-standard handler for every runtime.
 *
 * @example
 * const app = new Flask(import.meta.url)
 * app.get('/hello/<name>', ({ name }) => `Hello ${escape(name)}!`)
 * export default app
 */
export class Flask extends Scaffold {
  readonly name: string
  readonly config: Config
  readonly url_map: UrlMapType = new UrlMap()
  /** Extension state by name: the `init_app(app)` pattern stores itself here. */
  readonly extensions: Record<string, unknown> = {}
  readonly blueprints: Record<string, Blueprint> = {}
  readonly teardown_appcontext_funcs: TeardownFn[] = []
  readonly url_build_error_handlers: UrlBuildErrorHandler[] = []
  /** Filters and globals declared before the template environment exists. */
  readonly template_filters: Record<string, (...args: never[]) => unknown> = {}
  readonly template_globals: Record<string, unknown> = {}
  /** Tests registered with `template_test`, reachable as `tests.name(value)` in templates. */
  readonly template_tests: Record<string, TemplateTest> = {}
  session_interface: SessionInterface = new SecureCookieSessionInterface()
  readonly root_path: string
  readonly static_folder: string | null
  readonly static_url_path: string | null
  readonly template_folder: string | null
  /** The core application the rules compile to: add Hono middleware with `app.core.use(...)`. */
  readonly core: App
  /**
   * The fetch handler requests go through; wrap it as Flask's `wsgi_app`:
   * `app.wsgi_app = ProxyFix(app.wsgi_app)`.
   */
  wsgi_app: FetchFn
  #jinja: TemplateEnvironment | undefined
  readonly #report = createRateLimitedReporter()

  constructor(import_name = 'app', options: FlaskOptions = {}) {
    super(import_name)
    this.name = nameFor(import_name)
    this.config = new Config(initialConfig())
    this.root_path = rootPathFor(import_name, options.root_path)
    this.static_folder = options.static_folder === undefined ? 'static' : options.static_folder
    this.static_url_path =
      options.static_url_path?.replace(/\/+$/, '') ??
      (this.static_folder === null ? null : `/${basename(this.static_folder)}`.replace(/\/$/, ''))
    this.template_folder = options.template_folder === undefined ? 'templates' : options.template_folder
    this.core = new App()
    this.core.notFound((c) => handleUnmatched(this, c))
    this.core.onError((error, c) => this.#coreError(error, c))
    this.wsgi_app = this.core.fetch as FetchFn
    // core answers OPTIONS for known paths itself; Flask's rules decide instead (automatic or not)
    this.core.add({
      method: 'OPTIONS',
      path: '*',
      name: 'OPTIONS *',
      meta: { flask: 'options' },
      handler: (c) => handleUnmatched(this, c),
    })
    if (this.static_folder !== null && this.static_url_path !== null) {
      this.add_url_rule(
        `${this.static_url_path}/<path:filename>`,
        'static',
        staticView(this, () => joinPath(this.root_path, this.static_folder!)),
      )
    }
  }

  /** The single entry point: `export default app` works on Bun, Deno and Workers. */
  readonly fetch = (
    request: globalThis.Request,
    env?: unknown,
    ctx?: unknown,
  ): Awaitable<globalThis.Response> => this.wsgi_app(request, env, ctx)

  /** In-process request (a path is resolved against `http://localhost`). @example await app.request('/') */
  async request(input: string | URL | globalThis.Request, init?: RequestInit): Promise<globalThis.Response> {
    const req =
      input instanceof globalThis.Request
        ? input
        : new globalThis.Request(new URL(String(input), 'http://localhost'), init)
    return this.fetch(req)
  }

  get secret_key(): SecretKey | null {
    return (this.config.SECRET_KEY as SecretKey | null) ?? null
  }
  set secret_key(value: SecretKey | null) {
    this.config.SECRET_KEY = value
  }
  get debug(): boolean {
    return Boolean(this.config.DEBUG)
  }
  set debug(value: boolean) {
    this.config.DEBUG = value
  }
  get testing(): boolean {
    return Boolean(this.config.TESTING)
  }
  set testing(value: boolean) {
    this.config.TESTING = value
  }

  /**
   * Adds a rule: converters from `url_map`, methods (GET by default, HEAD and OPTIONS added),
   * the endpoint (the view's name, else the rule), defaults and strict slashes.
   * @example app.add_url_rule('/', 'index', index)
   */
  override add_url_rule(
    rule: string,
    endpoint?: string | null,
    view_func?: View<never> | null,
    options: RouteOptions = {},
  ): void {
    registerRule(this, rule, endpoint ?? options.endpoint ?? null, view_func ?? null, options, (r: Rule) => {
      this.core.add({
        method: [...r.methods],
        path: r.pattern,
        name: r.endpoint,
        meta: { flask: true, rule: r.rule, endpoint: r.endpoint, arguments: [...r.arguments] },
        handler: (c, next) => {
          if (r.redirect_to !== undefined) return handleUnmatched(this, c)
          const path = c.req.path
          const args = r.match(path)
          if (args === null) return next()
          const method = c.req.method
          for (const other of this.url_map.competitors(r)) {
            if (
              (other.methods.has(method) || (method === 'HEAD' && other.methods.has('GET'))) &&
              other.match(path) !== null
            )
              return next()
          }
          return handleRequest(this, c, r, args, null)
        },
      })
    })
  }

  /** Registers a blueprint's rules and hooks. @example app.register_blueprint(admin, { url_prefix: '/admin' }) */
  register_blueprint(blueprint: Blueprint, options: BlueprintOptions = {}): void {
    blueprint.register(this, options)
  }

  /** Runs the core app's startup hooks (adapters call it before serving). */
  startup(): Promise<void> {
    return this.core.startup()
  }
  /** Runs the core app's shutdown hooks. */
  shutdown(): Promise<void> {
    return this.core.shutdown()
  }

  /** Runs after every request's app context ends, with the unhandled error or null. */
  teardown_appcontext<F extends TeardownFn>(fn: F): F {
    this.teardown_appcontext_funcs.push(fn)
    return fn
  }

  /** Registers a template filter, used as `filters.name(value)`. @example app.template_filter('upper', (s: string) => s.toUpperCase()) */
  template_filter<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
    this.add_template_filter(fn, name)
    return fn
  }
  add_template_filter(fn: (...args: never[]) => unknown, name?: string): void {
    const key = name ?? fn.name
    this.template_filters[key] = fn
    if (this.#jinja) this.#jinja.filters[key] = fn
  }
  /**
   * Registers a template test (Jinja's `{% if value is name %}`), called as `tests.name(value)`.
   * @example app.template_test('boolean', (v: unknown) => typeof v === 'boolean') // <% if (tests.boolean(value)) { %>
   */
  template_test<F extends TemplateTest>(name: string, fn: F): F {
    this.add_template_test(fn, name)
    return fn
  }
  add_template_test(fn: TemplateTest, name?: string): void {
    const key = name ?? fn.name
    this.template_tests[key] = fn
    if (this.#jinja) this.#jinja.tests[key] = fn
  }
  /** Registers a value or function every template sees. @example app.template_global('site', 'Example') */
  template_global<V>(name: string, value: V): V {
    this.add_template_global(value, name)
    return value
  }
  add_template_global(value: unknown, name?: string): void {
    const key = name ?? (value as { name?: string }).name ?? ''
    this.template_globals[key] = value
    if (this.#jinja) this.#jinja.globals[key] = value
  }

  /** The template environment (created on first use, with the app's and blueprints' folders). */
  get jinja_env(): TemplateEnvironment {
    this.#jinja ??= createAppTemplateEnvironment(this)
    return this.#jinja
  }

  /** Template folders in lookup order: the app's, then blueprints' in registration order. */
  template_folders(): string[] {
    const folders: string[] = []
    if (this.template_folder !== null) folders.push(joinPath(this.root_path, this.template_folder))
    for (const bp of new Set(Object.values(this.blueprints))) {
      if (bp.template_folder !== null) folders.push(joinPath(bp.root_path, bp.template_folder))
    }
    return folders
  }

  /** Called by a blueprint being registered, so its template folder is searched. */
  add_template_folder(folder: string): void {
    this.#jinja?.addFolder(folder)
  }

  /** Builds a URL for an endpoint (Flask's `url_for`). @example app.url_for('user', { id: 1 }) */
  url_for(endpoint: string, values: UrlForValues = {}): string {
    return urlFor(this, endpoint, values)
  }

  /** Turns a view's return value into a Response. @example app.make_response(['Created', 201]) */
  make_response(rv: unknown): Response {
    return toResponse(rv)
  }

  /** Reports an unhandled error (rate-limited to one line a second). */
  log_exception(error: unknown): void {
    const req = tryFlaskState()?.request
    this.#report(error, { req: { method: req?.method ?? '-', path: req?.path ?? '-' } } as unknown as Context)
  }

  /** A test client that keeps cookies between requests. @example const res = await app.test_client().get('/') */
  test_client(): FlaskClient {
    return new FlaskClient(this)
  }

  /** Runs `fn` inside an application context (`current_app`, `g`, `url_for` with SERVER_NAME). */
  app_context<T>(fn: () => T | Promise<T>): Promise<T> {
    return appContext(this, fn)
  }

  /**
   * Runs `fn` inside a request context built from a path and options, as Flask's
   * `test_request_context`: `request`, `session` and `url_for` work, teardown runs after.
   * @example await app.test_request_context('/?q=1', () => request.args.get('q'))
   */
  test_request_context<T>(fn: () => T | Promise<T>): Promise<T>
  test_request_context<T>(path: string, fn: () => T | Promise<T>): Promise<T>
  test_request_context<T>(path: string, options: TestRequestOptions, fn: () => T | Promise<T>): Promise<T>
  test_request_context<T>(
    a: string | (() => T | Promise<T>),
    b?: TestRequestOptions | (() => T | Promise<T>),
    c?: () => T | Promise<T>,
  ): Promise<T> {
    const path = typeof a === 'string' ? a : '/'
    const options = typeof b === 'object' ? b : {}
    const fn = (typeof a === 'function' ? a : typeof b === 'function' ? b : c)!
    return testRequestContext(this, path, options, fn)
  }

  /**
   * Serves the app on the runtime's native server (Bun.serve, Deno.serve, or Node's http through
   * `@bustapi/adapters`), on 127.0.0.1:5000 unless told otherwise.
   * @example await app.run({ port: 8000 })
   */
  async run(options: RunOptions = {}): Promise<unknown> {
    const { host, port, debug, ...rest } = options
    if (debug !== undefined) this.debug = debug
    const runtime = 'Bun' in globalThis ? 'bun' : 'Deno' in globalThis ? 'deno' : 'node'
    const specifier = `@bustapi/adapters/${runtime}`
    const adapter = (await import(specifier)) as {
      serve(app: { fetch: FetchFn }, options: object): Promise<unknown>
    }
    return adapter.serve(this, { ...rest, hostname: host ?? '127.0.0.1', port: port ?? 5000 })
  }

  /** Errors that reach core: its own 405 for paths it knows under another method, or Hono middleware errors. */
  #coreError(error: Error, c: Context): Promise<globalThis.Response> | globalThis.Response {
    if (PROPAGATING.has(error)) throw error
    if (error instanceof CoreHTTPException && !(error instanceof HTTPException) && error.status === 405) {
      return handleUnmatched(this, c)
    }
    if (!(error instanceof CoreHTTPException)) {
      if (this.config.PROPAGATE_EXCEPTIONS ?? (this.testing || this.debug)) throw error
      this.log_exception(error)
      return new InternalServerError().get_response()
    }
    return errorPage(error)
  }
}
