import { default_exceptions, HTTPException } from '../exceptions.js'
import type { RuleParams } from '../routing/types.js'
import type {
  AfterRequestFn,
  BeforeRequestFn,
  ContextProcessorFn,
  ErrorHandlerFn,
  ErrorKey,
  RouteOptions,
  TeardownFn,
  UrlDefaultsFn,
  UrlValuePreprocessorFn,
  View,
} from './types.js'

/** Hooks by scope: `null` for the object itself, a dotted blueprint name once merged into an app. */
export type ScopedHooks<F> = Map<string | null, F[]>
/** Error handlers by scope, then status code (or null), then error class. */
export type ErrorHandlerSpec = Map<string | null, Map<number | null, Map<Function, ErrorHandlerFn>>>

/** The error type a handler registered for `K` receives. */
export type ErrorOf<K> = K extends number
  ? HTTPException
  : K extends abstract new (
        ...args: never[]
      ) => infer I
    ? I
    : unknown

/** The class and code `errorhandler` stores a key under (Flask's `_get_exc_class_and_code`). */
export function excClassAndCode(key: ErrorKey): [Function, number | null] {
  if (typeof key === 'number') {
    const cls = default_exceptions[key]
    if (cls === undefined) {
      throw new Error(
        `'${key}' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead.`,
      )
    }
    return [cls, key]
  }
  if (typeof key === 'object' && key !== null) {
    throw new TypeError(
      `${(key as object).constructor.name}() is an instance, not a class. Handlers can only be registered for Exception classes or HTTP error codes.`,
    )
  }
  if (typeof key !== 'function') throw new TypeError(`'${String(key)}' is not a class or a status code.`)
  if (key !== Error && !(key.prototype instanceof Error)) {
    throw new Error(
      `'${key.name}' is not a subclass of Exception. Handlers can only be registered for Exception classes or HTTP error codes.`,
    )
  }
  const code = (key as { code?: unknown }).code
  return [key, typeof code === 'number' && isHttpExceptionClass(key) ? code : null]
}

function isHttpExceptionClass(cls: Function): boolean {
  return cls === HTTPException || cls.prototype instanceof HTTPException
}

/** The function type each hook table of a Scaffold holds, by the table's name. */
interface HookFns {
  before_request_funcs: BeforeRequestFn
  after_request_funcs: AfterRequestFn
  teardown_request_funcs: TeardownFn
  url_value_preprocessors: UrlValuePreprocessorFn
  url_default_functions: UrlDefaultsFn
  template_context_processors: ContextProcessorFn
}

/** The hook tables of a Scaffold (`before_request_funcs`...), by the name of the table. */
export type HookTable = keyof HookFns

/**
 * Registrar methods from a table of `method: hook table`: each takes a hook function and returns
 * it (decorator style). Mapped over the table, so each method shows the table entry's JSDoc.
 */
export type HookRegistrars<M extends Record<string, HookTable>> = {
  readonly [K in keyof M]: <F extends HookFns[M[K]]>(fn: F) => F
}

/** The registrars of the app and blueprints and the table each fills. */
const HOOKS = {
  /** Runs before each request; a returned value is the response. @example app.before_request(() => { g.user = load() }) */
  before_request: 'before_request_funcs',
  /** Runs after each request with the response (last registered runs first). @example app.after_request((r) => { r.headers.set('X', '1'); return r }) */
  after_request: 'after_request_funcs',
  /** Runs when the request ends, even after an error (which it receives). @example app.teardown_request((e) => db.close()) */
  teardown_request: 'teardown_request_funcs',
  /** Runs with the endpoint and view args before the view. @example app.url_value_preprocessor((ep, v) => { g.lang = v?.lang; delete v?.lang }) */
  url_value_preprocessor: 'url_value_preprocessors',
  /** Fills in values for `url_for`. @example app.url_defaults((ep, v) => { v.lang ??= g.lang }) */
  url_defaults: 'url_default_functions',
  /** Adds variables to every template. @example app.context_processor(() => ({ user: g.user })) */
  context_processor: 'template_context_processors',
} as const satisfies Record<string, HookTable>

/** Every hook table, in the order blueprints merge them into the app. */
export const HOOK_TABLES: readonly HookTable[] = Object.values(HOOKS)

/**
 * Defines one registrar method per entry of `table` on `proto`: calling it hands the function
 * and its hook table to `add`, then returns the function (so it works as a decorator).
 *
 * @example
 * defineHookRegistrars(Blueprint.prototype, { before_app_request: 'before_request_funcs' }, add)
 */
export function defineHookRegistrars<T>(
  proto: T,
  table: Readonly<Record<string, HookTable>>,
  add: (self: T, hooks: HookTable, fn: unknown) => void,
): void {
  for (const [method, hooks] of Object.entries(table)) {
    function register(this: T, fn: unknown): unknown {
      add(this, hooks, fn)
      return fn
    }
    Object.defineProperty(proto, method, { value: register, writable: true, configurable: true })
  }
}

/** The list of hooks `map` keeps for its owner (scope `null`), created on first use. */
export function ownHooks<F>(map: ScopedHooks<F>): F[] {
  let list = map.get(null)
  if (!list) map.set(null, (list = []))
  return list
}

type RouteResult<R extends string> = <V extends View<RuleParams<R>>>(view: V) => V

/**
 * A route shortcut for one HTTP method (`app.get`, `bp.post`...): `route` with `methods: [METHOD]`,
 * with a view, with options and a view, or decorator style.
 *
 * @example
 * app.get('/u/<int:id>', ({ id }) => `user ${id}`)
 */
export interface MethodRoute {
  <R extends string>(rule: R, view: View<RuleParams<R>>): View<RuleParams<R>>
  <R extends string>(rule: R, options: RouteOptions, view: View<RuleParams<R>>): View<RuleParams<R>>
  <R extends string>(rule: R, options?: RouteOptions): RouteResult<R>
}

/** The hook registrars every Scaffold has (defined on the prototype from `HOOKS`). */
export interface Scaffold extends HookRegistrars<typeof HOOKS> {}

/**
 * What the app and blueprints share (Flask's `Scaffold`): route decorators and the per-request
 * hooks, stored by scope so that a blueprint's hooks run only for its own requests.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export abstract class Scaffold {
  readonly import_name: string
  readonly view_functions: Record<string, View<never>> = {}
  readonly before_request_funcs: ScopedHooks<BeforeRequestFn> = new Map()
  readonly after_request_funcs: ScopedHooks<AfterRequestFn> = new Map()
  readonly teardown_request_funcs: ScopedHooks<TeardownFn> = new Map()
  readonly url_value_preprocessors: ScopedHooks<UrlValuePreprocessorFn> = new Map()
  readonly url_default_functions: ScopedHooks<UrlDefaultsFn> = new Map()
  readonly template_context_processors: ScopedHooks<ContextProcessorFn> = new Map()
  readonly error_handler_spec: ErrorHandlerSpec = new Map()

  constructor(import_name: string) {
    this.import_name = import_name
  }

  /** Registers a view for a URL rule. @see route */
  abstract add_url_rule(
    rule: string,
    endpoint?: string | null,
    view_func?: View<never> | null,
    options?: RouteOptions,
  ): void

  /**
   * Registers `view` for `rule`; the view gets the rule's variables typed from the rule string.
   * Without a view, returns a function that registers one (decorator style).
   *
   * @example
   * app.route('/u/<int:id>', ({ id }) => `user ${id + 1}`)
   * app.route('/login', { methods: ['GET', 'POST'] }, login)
   */
  route<R extends string>(rule: R, view: View<RuleParams<R>>): View<RuleParams<R>>
  route<R extends string>(rule: R, options: RouteOptions, view: View<RuleParams<R>>): View<RuleParams<R>>
  route<R extends string>(rule: R, options?: RouteOptions): RouteResult<R>
  route(rule: string, a?: RouteOptions | View<never>, b?: View<never>): unknown {
    const options = typeof a === 'function' ? {} : (a ?? {})
    const view = typeof a === 'function' ? a : b
    const register = (fn: View<never>) => {
      const { endpoint, ...rest } = options
      this.add_url_rule(rule, endpoint ?? null, fn, rest)
      return fn
    }
    return view === undefined ? register : register(view)
  }

  /** `route(rule, { methods: ['GET'] }, view)`. @example app.get('/', () => 'hi') */
  declare readonly get: MethodRoute
  /** `route(rule, { methods: ['POST'] }, view)`. @example app.post('/items', () => [request.json, 201]) */
  declare readonly post: MethodRoute
  /** `route(rule, { methods: ['PUT'] }, view)`. @example app.put('/items/<int:id>', ({ id }) => ({ id })) */
  declare readonly put: MethodRoute
  /** `route(rule, { methods: ['PATCH'] }, view)`. @example app.patch('/items/<int:id>', ({ id }) => ({ id })) */
  declare readonly patch: MethodRoute
  /** `route(rule, { methods: ['DELETE'] }, view)`. @example app.delete('/items/<int:id>', () => ['', 204]) */
  declare readonly delete: MethodRoute

  /**
   * Registers an error handler for a status code or an error class (subclasses included).
   * @example
   * app.errorhandler(404, () => ['nothing here', 404])
   * app.errorhandler(ValueError)((e) => [e.message, 400])
   */
  errorhandler<K extends ErrorKey>(key: K, fn: ErrorHandlerFn<ErrorOf<K>>): ErrorHandlerFn<ErrorOf<K>>
  errorhandler<K extends ErrorKey>(key: K): <F extends ErrorHandlerFn<ErrorOf<K>>>(fn: F) => F
  errorhandler(key: ErrorKey, fn?: ErrorHandlerFn<never>): unknown {
    if (fn === undefined) return (f: ErrorHandlerFn<never>) => this.errorhandler(key, f as never)
    this.register_error_handler(key, fn as never)
    return fn
  }

  /** `errorhandler` without the decorator form. @example app.register_error_handler(403, forbidden) */
  register_error_handler<K extends ErrorKey>(key: K, fn: ErrorHandlerFn<ErrorOf<K>>): void {
    const [cls, code] = excClassAndCode(key)
    let byCode = this.error_handler_spec.get(null)
    if (!byCode) this.error_handler_spec.set(null, (byCode = new Map()))
    let byClass = byCode.get(code)
    if (!byClass) byCode.set(code, (byClass = new Map()))
    byClass.set(cls, fn as ErrorHandlerFn)
  }
}

// The method shortcuts are one function per method on the prototype (subclasses may override).
for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
  function shortcut(this: Scaffold, rule: string, a?: RouteOptions | View<never>, b?: View<never>): unknown {
    const options = typeof a === 'function' || a === undefined ? {} : a
    if ('methods' in options) throw new TypeError("Use the 'route' decorator to use the 'methods' argument.")
    const view = typeof a === 'function' ? a : b
    const withMethod = { ...options, methods: [method] }
    return view === undefined ? this.route(rule, withMethod) : this.route(rule, withMethod, view as never)
  }
  Object.defineProperty(Scaffold.prototype, method.toLowerCase(), {
    value: shortcut,
    writable: true,
    configurable: true,
  })
}

defineHookRegistrars(Scaffold.prototype, HOOKS, (self, hooks, fn) => {
  ownHooks(self[hooks] as ScopedHooks<unknown>).push(fn)
})
