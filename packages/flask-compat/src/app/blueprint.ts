import type { TemplateTest } from '../templating/index.js'
import type { Flask } from './flask.js'
import { staticView } from './flask-internals.js'
import { basename, joinPath, rootPathFor } from './paths.js'
import type { ErrorOf } from './scaffold.js'
import {
  defineHookRegistrars,
  HOOK_TABLES,
  type HookRegistrars,
  type HookTable,
  ownHooks,
  Scaffold,
  type ScopedHooks,
} from './scaffold.js'
import type { ErrorHandlerFn, ErrorKey, RouteOptions, View } from './types.js'

/** Options of `new Blueprint(...)`. */
export interface BlueprintInit {
  url_prefix?: string | null
  static_folder?: string | null
  static_url_path?: string | null
  template_folder?: string | null
  root_path?: string
  /** Defaults for every rule's variables. */
  url_defaults?: Record<string, unknown>
}

/** Options of `register_blueprint`. */
export interface BlueprintOptions {
  url_prefix?: string | null
  /** Registers under another name (e.g. the same blueprint twice). */
  name?: string
  url_defaults?: Record<string, unknown>
  /** Set by a parent blueprint for nested registration. */
  name_prefix?: string
}

/** What a deferred registration function receives (Flask's `BlueprintSetupState`). */
export class BlueprintSetupState {
  readonly url_prefix: string | null
  readonly name_prefix: string
  readonly name: string
  readonly url_defaults: Record<string, unknown>
  constructor(
    readonly blueprint: Blueprint,
    readonly app: Flask,
    readonly options: BlueprintOptions,
    readonly first_registration: boolean,
  ) {
    this.url_prefix = options.url_prefix ?? blueprint.url_prefix
    this.name_prefix = options.name_prefix ?? ''
    this.name = options.name ?? blueprint.name
    this.url_defaults = { ...blueprint.url_values_defaults, ...options.url_defaults }
  }
  /** Adds a rule to the app with the blueprint's prefix, endpoint name and defaults. */
  add_url_rule(
    rule: string,
    endpoint: string | null,
    view: View<never> | null,
    options: RouteOptions = {},
  ): void {
    if (this.url_prefix !== null)
      rule = rule ? `${this.url_prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}` : this.url_prefix
    const name = endpoint ?? (view?.name || rule.replace(/\./g, '_'))
    const full = `${this.name_prefix}.${this.name}.${name}`.replace(/^\.+/, '')
    this.app.add_url_rule(rule, full, view, {
      ...options,
      defaults: { ...this.url_defaults, ...options.defaults },
    })
  }
}

type Deferred = (state: BlueprintSetupState) => void

/** The blueprint methods that add a hook to the whole app, and the app's hook table each fills. */
const APP_HOOKS = {
  /** `before_request` for every request of the app, not only this blueprint's. @example bp.before_app_request(loadUser) */
  before_app_request: 'before_request_funcs',
  /** `after_request` for every request of the app. @example bp.after_app_request((r) => r) */
  after_app_request: 'after_request_funcs',
  /** `teardown_request` for every request of the app. @example bp.teardown_app_request(() => db.close()) */
  teardown_app_request: 'teardown_request_funcs',
  /** A context processor for every template of the app. @example bp.app_context_processor(() => ({ site: 'x' })) */
  app_context_processor: 'template_context_processors',
  /** A URL value preprocessor for every request of the app. @example bp.app_url_value_preprocessor((ep, v) => {}) */
  app_url_value_preprocessor: 'url_value_preprocessors',
  /** `url_defaults` for every endpoint of the app. @example bp.app_url_defaults((ep, v) => {}) */
  app_url_defaults: 'url_default_functions',
} as const satisfies Record<string, HookTable>

/** The app-wide hook registrars of a Blueprint (defined on the prototype from `APP_HOOKS`). */
export interface Blueprint extends HookRegistrars<typeof APP_HOOKS> {}

/**
 * A group of routes, hooks, error handlers and templates registered on an app under a name and
 * URL prefix; endpoints become `name.view`. Blueprints nest.
 *
 * @example
 * const admin = new Blueprint('admin', import.meta.url, { url_prefix: '/admin' })
 * admin.get('/', function index() { return 'admin home' })
 * app.register_blueprint(admin)
 * url_for('admin.index') // '/admin/'
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class Blueprint extends Scaffold {
  readonly name: string
  readonly url_prefix: string | null
  readonly root_path: string
  readonly static_folder: string | null
  readonly static_url_path: string | null
  readonly template_folder: string | null
  readonly url_values_defaults: Record<string, unknown>
  readonly deferred_functions: Deferred[] = []
  readonly #children: [Blueprint, BlueprintOptions][] = []
  #registered = false

  constructor(name: string, import_name = name, options: BlueprintInit = {}) {
    super(import_name)
    if (!name) throw new Error("'name' may not be empty.")
    if (name.includes('.')) throw new Error("'name' may not contain a dot '.' character.")
    this.name = name
    this.url_prefix = options.url_prefix ?? null
    this.root_path = rootPathFor(import_name, options.root_path)
    this.static_folder = options.static_folder ?? null
    this.static_url_path =
      options.static_url_path ??
      (this.static_folder === null ? null : `/${basename(this.static_folder)}`.replace(/\/$/, ''))
    this.template_folder = options.template_folder ?? null
    this.url_values_defaults = { ...options.url_defaults }
  }

  /** Records a function run with the setup state at every registration. */
  record(fn: Deferred): void {
    this.deferred_functions.push(fn)
  }
  /** Records a function run only at the first registration. */
  record_once(fn: Deferred): void {
    this.record((state) => {
      if (state.first_registration) fn(state)
    })
  }

  override add_url_rule(
    rule: string,
    endpoint?: string | null,
    view_func?: View<never> | null,
    options: RouteOptions = {},
  ): void {
    const ep = endpoint ?? options.endpoint ?? null
    if (ep?.includes('.')) throw new Error("'endpoint' may not contain a dot '.' character.")
    if (view_func?.name.includes('.'))
      throw new Error("'view_func' name may not contain a dot '.' character.")
    const { endpoint: _e, ...rest } = options
    this.record((s) => s.add_url_rule(rule, ep, view_func ?? null, rest))
  }

  /** Registers a blueprint inside this one: its name becomes `this.child`, its prefix nests. */
  register_blueprint(blueprint: Blueprint, options: BlueprintOptions = {}): void {
    if (blueprint === this) throw new Error('Cannot register a blueprint on itself')
    this.#children.push([blueprint, options])
  }

  /** An error handler for the whole app. @example bp.app_errorhandler(404, notFound) */
  app_errorhandler<K extends ErrorKey>(key: K, fn: ErrorHandlerFn<ErrorOf<K>>): ErrorHandlerFn<ErrorOf<K>> {
    this.record_once((s) => s.app.register_error_handler(key, fn))
    return fn
  }
  app_template_filter<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
    this.record_once((s) => s.app.add_template_filter(fn, name))
    return fn
  }
  /** A template test for the whole app. @example bp.app_template_test('boolean', (v: unknown) => typeof v === 'boolean') */
  app_template_test<F extends TemplateTest>(name: string, fn: F): F {
    this.add_app_template_test(fn, name)
    return fn
  }
  add_app_template_test(fn: TemplateTest, name?: string): void {
    this.record_once((s) => s.app.add_template_test(fn, name))
  }
  app_template_global<V>(name: string, value: V): V {
    this.record_once((s) => s.app.add_template_global(value, name))
    return value
  }

  /** Flask's `Blueprint.register`: merges hooks under the blueprint's name, replays rules, then children. */
  register(app: Flask, options: BlueprintOptions): void {
    const selfName = options.name ?? this.name
    const name = `${options.name_prefix ?? ''}.${selfName}`.replace(/^\.+/, '')
    const existing = app.blueprints[name]
    if (existing !== undefined) {
      const which = existing === this ? 'this' : 'a different'
      const at = selfName !== name ? ` '${name}'` : ''
      throw new Error(
        `The name '${selfName}' is already registered for ${which} blueprint${at}. Use 'name=' to provide a unique name.`,
      )
    }
    const firstBp = !Object.values(app.blueprints).includes(this)
    app.blueprints[name] = this
    this.#registered = true
    const state = new BlueprintSetupState(this, app, { ...options, name: selfName }, firstBp)
    if (this.static_folder !== null && this.static_url_path !== null) {
      state.add_url_rule(
        `${this.static_url_path}/<path:filename>`,
        'static',
        staticView(app, () => joinPath(this.root_path, this.static_folder!)),
      )
    }
    this.#merge(app, name)
    if (this.template_folder !== null) app.add_template_folder(joinPath(this.root_path, this.template_folder))
    for (const fn of this.deferred_functions) fn(state)
    for (const [child, childOptions] of this.#children) {
      const opts: BlueprintOptions = { ...childOptions }
      const childPrefix = childOptions.url_prefix ?? child.url_prefix
      if (state.url_prefix !== null && childPrefix !== null)
        opts.url_prefix = `${state.url_prefix.replace(/\/+$/, '')}/${childPrefix.replace(/^\/+/, '')}`
      else if (childPrefix !== null) opts.url_prefix = childPrefix
      else if (state.url_prefix !== null) opts.url_prefix = state.url_prefix
      opts.name_prefix = name
      child.register(app, opts)
    }
  }

  /** Whether the blueprint was registered on an app at least once. */
  get _got_registered_once(): boolean {
    return this.#registered
  }

  #merge(app: Flask, name: string): void {
    const scoped = (key: string | null) => (key === null ? name : `${name}.${key}`)
    for (const [key, byCode] of this.error_handler_spec) {
      app.error_handler_spec.set(
        scoped(key),
        new Map([...byCode].map(([code, byClass]) => [code, new Map(byClass)])),
      )
    }
    const extend = <F>(from: ScopedHooks<F>, to: ScopedHooks<F>) => {
      for (const [key, fns] of from) {
        const k = scoped(key)
        const list = to.get(k)
        if (list) list.push(...fns)
        else to.set(k, [...fns])
      }
    }
    for (const table of HOOK_TABLES) extend<unknown>(this[table], app[table])
  }
}

defineHookRegistrars(Blueprint.prototype, APP_HOOKS, (bp, hooks, fn) => {
  bp.record_once((s) => ownHooks(s.app[hooks] as ScopedHooks<unknown>).push(fn))
})
