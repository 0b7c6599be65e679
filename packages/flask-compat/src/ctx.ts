import { type RequestContext, runWithContext, tryGetContext } from '@bustapi/core'
import type { Flask } from './app/flask.js'
import type { FlashCache } from './flashing.js'
import { invoke } from './internal/invoke.js'
import { FLASK_STATE, type FlaskState, tryFlaskState } from './internal/state.js'
import type { Session } from './sessions/index.js'
import type { Request } from './wrappers/request.js'

const REQUEST_MESSAGE =
  'Working outside of request context.\n\n' +
  'This code read the request (or the session) while no request was being handled. Call it from a ' +
  'view, a hook or an error handler, or in tests wrap it in app.test_request_context(path, fn). ' +
  'After an await, only async functions keep the request: declare the view (and any function ' +
  'wrapping it) async, or bind a callback with copy_current_request_context.'
const APP_MESSAGE =
  'Working outside of application context.\n\n' +
  'This code needs the current app while none is active. Call it during a request, or wrap it in ' +
  'app.app_context(fn).'

/** Flask's "working outside of context" error. @example try { request.path } catch (e) { e instanceof RuntimeError } */
export class RuntimeError extends Error {
  override name = 'RuntimeError'
}

/** The per-request namespace `g`: a plain object with `get`, `pop` and `setdefault` (Flask's `_AppCtxGlobals`). */
export class AppGlobals {
  [key: string]: unknown
  /** The value of `name`, else `defaultValue`. */
  get<T = unknown>(name: string, defaultValue?: T): T {
    return (Object.hasOwn(this, name) ? this[name] : defaultValue) as T
  }
  /** Removes `name` and returns its value (or `defaultValue`). */
  pop<T = unknown>(name: string, ...defaultValue: [T?]): T {
    if (!Object.hasOwn(this, name)) {
      if (defaultValue.length === 0) throw new Error(`KeyError: '${name}'`)
      return defaultValue[0] as T
    }
    const value = this[name]
    delete this[name]
    return value as T
  }
  /** The value of `name`, setting it to `defaultValue` first when absent. */
  setdefault<T = unknown>(name: string, defaultValue?: T): T {
    if (!Object.hasOwn(this, name)) this[name] = defaultValue
    return this[name] as T
  }
}

/** The current Flask state or Flask's context error. */
export function currentState(kind: 'request' | 'app' = 'request'): FlaskState {
  const state = tryFlaskState()
  if (state === undefined || (kind === 'request' && state.request === null)) {
    throw new RuntimeError(kind === 'request' ? REQUEST_MESSAGE : APP_MESSAGE)
  }
  return state
}

/** A stand-in that forwards everything to the current object (Flask's `LocalProxy`). */
export function localProxy<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = get()
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
    set: (_, key, value) => Reflect.set(get(), key, value),
    has: (_, key) => Reflect.has(get(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(get(), key)
      return d ? { ...d, configurable: true } : undefined
    },
  })
}

/** The request being handled. @example app.get('/', () => request.args.get('q') ?? '') */
export const request: Request = localProxy(() => currentState().request!)
/** Per-request storage. @example g.user = await loadUser(); if ('user' in g) ... */
export const g: AppGlobals = localProxy(() => currentState('app').g)
/** The app handling the current request. @example current_app.config.DEBUG */
export const current_app: Flask = localProxy(() => currentState('app').app)

/** The session of the current request (opened lazily when that needs no I/O). */
export function currentSession(): Session {
  const state = currentState()
  if (state.session === undefined) {
    state.session = state.lazySession!()
    state.lazySession = undefined
  }
  return state.session
}

/** The current user's session: a dict-like object saved in a signed cookie. @example session.user_id = 1 */
export const session: Session = localProxy(currentSession)

/** True while a request is being handled. @example if (has_request_context()) request.path */
export function has_request_context(): boolean {
  return tryFlaskState()?.request != null
}
/** True inside a request or `app.app_context()`. @example has_app_context() */
export function has_app_context(): boolean {
  return tryFlaskState() !== undefined
}

/**
 * Registers a function to run on this request's response (after the view, before after_request hooks).
 * @example after_this_request((res) => { res.headers.set('X-Foo', 'a'); return res })
 */
export function after_this_request<F extends FlaskState['afterThisRequest'][number]>(fn: F): F {
  const state = currentState()
  state.afterThisRequest = [...state.afterThisRequest, fn]
  return fn
}

/**
 * Binds a function to the current request context, so it can run later (a timer, a task) and
 * still see `request`, `session` and `g` (Flask's `copy_current_request_context`).
 * @example setTimeout(copy_current_request_context(() => log(request.path)), 0)
 */
export function copy_current_request_context<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const store = tryGetContext()
  if (store === undefined || tryFlaskState()?.request == null) {
    throw new RuntimeError(
      'Attempted to copy the request context while no request is active. This can only be used inside a request.',
    )
  }
  return (...args: A) => invoke(store, fn, () => fn(...args))
}

/** Runs `fn` (and everything it awaits) inside `state`'s context. */
export function runWithState<T>(state: FlaskState, fn: () => T): T {
  return runWithContext(state.store, fn)
}

/** The `state` record of core's request context, holding the Flask state under `FLASK_STATE`. */
class StateRecord {
  [key: string | symbol]: unknown
  constructor(flask: FlaskState) {
    this[FLASK_STATE] = flask
  }
}

/** Core's request context for one Flask state. */
class FlaskContext implements RequestContext {
  readonly state: StateRecord
  constructor(
    readonly c: RequestContext['c'],
    flask: FlaskState,
  ) {
    this.state = new StateRecord(flask)
  }
}

const NO_CALLBACKS: FlaskState['afterThisRequest'] = Object.freeze([]) as never

// Classes rather than object literals: V8 may decide to allocate a literal's objects straight in
// the old generation (allocation-site pretenuring), and then everything a per-request object
// points to survives young collections; over HTTP that doubled the GC time of some processes.
class RequestState implements FlaskState {
  session: Session | undefined = undefined
  lazySession: (() => Session) | undefined = undefined
  afterThisRequest = NO_CALLBACKS
  readonly store: RequestContext
  #g: AppGlobals | undefined
  #flashes: FlashCache | undefined
  constructor(
    readonly app: Flask,
    readonly request: Request | null,
    c: unknown,
  ) {
    this.store = new FlaskContext(c as never, this)
  }
  get g(): AppGlobals {
    return (this.#g ??= new AppGlobals())
  }
  get flashes(): FlashCache {
    return (this.#flashes ??= {})
  }
}

/** A fresh state for `app` (and `request`, for a request context) in a core context for `c`. */
export function createState(app: Flask, request: Request | null, c: unknown = null): FlaskState {
  return new RequestState(app, request, c)
}
