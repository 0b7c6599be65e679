/**
 * The session object: a dict that reads and writes like a plain object (`session.user = 1`,
 * `session['user']`, `delete session.user`, `'user' in session`, `Object.keys(session)`) and has
 * Python's dict methods. Methods and flags are not data keys; a data key that shares a method's
 * name is still reachable with `session.get(name)`.
 */

/** Methods and flags of every session, as Flask's `SessionMixin` + `dict`. */
export interface SessionMixin {
  /** Mirrors the `_permanent` key; a permanent cookie gets `Expires`. */
  permanent: boolean
  /** Set when the dict changed; the cookie is written only then (or when refreshed). */
  modified: boolean
  /** Set when the data was read or written; adds `Vary: Cookie`. */
  accessed: boolean
  /** True when a store can tell the session is new; signed cookies cannot, so false. */
  new: boolean
  get<T = unknown>(key: string, defaultValue?: T): T | undefined
  pop<T = unknown>(key: string, defaultValue?: T): T
  setdefault<T = unknown>(key: string, defaultValue?: T): T
  clear(): void
  update(values: Record<string, unknown> | Iterable<readonly [string, unknown]>): void
  keys(): string[]
  values(): unknown[]
  items(): [string, unknown][]
  /** A plain copy of the data (what is serialized). */
  toJSON(): Record<string, unknown>
}

/** A session: data keys as properties plus the mixin's methods and flags. */
export type Session = SessionMixin & { [key: string]: unknown }

const METHODS = new Set([
  'get',
  'pop',
  'setdefault',
  'clear',
  'update',
  'keys',
  'values',
  'items',
  'toJSON',
  'permanent',
  'modified',
  'accessed',
  'new',
])

/** Hooks that make a session read-only (the null session) or observe it. */
export interface SessionBehaviour {
  /** Called before any mutation; throw to refuse it. */
  beforeWrite?: () => void
}

function define(data: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * Builds a dict-like session over `initial` (copied). Used by `SecureCookieSession`; a custom
 * session store can use it too.
 *
 * @example
 * const s = createSession({ user: 1 })
 * s.cart = []; s.modified // true
 */
export function createSession(
  initial?: Record<string, unknown> | null,
  behaviour: SessionBehaviour = {},
): Session {
  const data: Record<string, unknown> = Object.create(null)
  if (initial) for (const [k, v] of Object.entries(initial)) define(data, k, v)
  const flags = { modified: false, accessed: false, new: false }
  const has = (k: string) => Object.hasOwn(data, k)
  const write = () => {
    behaviour.beforeWrite?.()
    flags.accessed = true
  }
  const touched = () => {
    flags.modified = true
  }

  const methods: SessionMixin = {
    get permanent() {
      return data._permanent === true
    },
    set permanent(value: boolean) {
      write()
      define(data, '_permanent', Boolean(value))
      touched()
    },
    get modified() {
      return flags.modified
    },
    set modified(value: boolean) {
      flags.modified = value
    },
    get accessed() {
      return flags.accessed
    },
    set accessed(value: boolean) {
      flags.accessed = value
    },
    get new() {
      return flags.new
    },
    set new(value: boolean) {
      flags.new = value
    },
    get<T>(key: string, defaultValue?: T): T | undefined {
      flags.accessed = true
      return has(key) ? (data[key] as T) : defaultValue
    },
    pop<T>(key: string, ...rest: [T?]): T {
      write()
      if (has(key)) {
        const value = data[key] as T
        delete data[key]
        touched()
        return value
      }
      if (rest.length > 0) return rest[0] as T
      throw new Error(`KeyError: '${key}'`)
    },
    setdefault<T>(key: string, defaultValue?: T): T {
      flags.accessed = true
      if (has(key)) return data[key] as T
      write()
      define(data, key, defaultValue ?? null)
      touched()
      return (defaultValue ?? null) as T
    },
    clear() {
      write()
      for (const k of Object.keys(data)) delete data[k]
      touched()
    },
    update(values) {
      write()
      const entries = Symbol.iterator in values ? values : Object.entries(values)
      for (const [k, v] of entries as Iterable<readonly [string, unknown]>) define(data, k, v)
      touched()
    },
    keys() {
      flags.accessed = true
      return Object.keys(data)
    },
    values() {
      flags.accessed = true
      return Object.values(data)
    },
    items() {
      flags.accessed = true
      return Object.entries(data)
    },
    toJSON() {
      const copy: Record<string, unknown> = {}
      for (const k of Object.keys(data)) define(copy, k, data[k])
      return copy
    },
  }

  return new Proxy(data, {
    get(target, key) {
      if (typeof key === 'symbol') {
        if (key === Symbol.iterator) return () => Object.keys(target)[Symbol.iterator]()
        if (key === Symbol.toStringTag) return 'Session'
        return undefined
      }
      if (METHODS.has(key)) return Reflect.get(methods, key)
      // `await session` and promise resolution probe `then`: that is not the app reading data
      if (key === 'then') return target[key]
      flags.accessed = true
      return target[key]
    },
    set(target, key, value) {
      if (typeof key === 'symbol') return false
      if (METHODS.has(key)) {
        if (key === 'permanent' || key === 'modified' || key === 'accessed' || key === 'new') {
          return Reflect.set(methods, key, value)
        }
        throw new TypeError(`'${key}' is a session method; store this value with another key.`)
      }
      write()
      define(target, key, value)
      touched()
      return true
    },
    deleteProperty(target, key) {
      if (typeof key === 'symbol') return false
      write()
      delete target[key]
      touched()
      return true
    },
    has(target, key) {
      if (typeof key === 'symbol') return false
      flags.accessed = true
      return Object.hasOwn(target, key)
    },
    ownKeys(target) {
      flags.accessed = true
      return Reflect.ownKeys(target)
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'symbol') return false
      write()
      touched()
      return Reflect.defineProperty(target, key, { ...descriptor, enumerable: true, configurable: true })
    },
  }) as unknown as Session
}

/** The data of a session as a plain object, without marking it accessed. */
export function sessionData(session: Session): Record<string, unknown> {
  return session.toJSON()
}

/**
 * The session of `SecureCookieSessionInterface` (Flask's `SecureCookieSession`): tracks
 * `modified` and `accessed`; `new` stays false.
 *
 * @example
 * const s = new SecureCookieSession({ user: 1 })
 * s.user // 1
 */
export const SecureCookieSession = function SecureCookieSession(initial?: Record<string, unknown> | null) {
  return createSession(initial)
} as unknown as new (
  initial?: Record<string, unknown> | null,
) => Session

const NULL_SESSION_ERROR =
  'The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.'

/**
 * The session used when there is no secret key: readable (empty), every write throws
 * Flask's "The session is unavailable because no secret key was set" error.
 *
 * @example
 * const s = new NullSession(); s.get('x') // undefined; s.x = 1 // throws
 */
export const NullSession = function NullSession() {
  const session = createSession(null, {
    beforeWrite: () => {
      throw new Error(NULL_SESSION_ERROR)
    },
  })
  NULL_SESSIONS.add(session)
  return session
} as unknown as new () => Session

const NULL_SESSIONS = new WeakSet<object>()

/**
 * True for sessions made by `NullSession` (never saved).
 *
 * @example
 * isNullSession(new NullSession()) // true
 */
export function isNullSession(session: unknown): boolean {
  return typeof session === 'object' && session !== null && NULL_SESSIONS.has(session)
}
