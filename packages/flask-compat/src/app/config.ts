/** Flask 3.1's `default_config`; durations are seconds (Flask's `timedelta(days=31)`). */
export const DEFAULT_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  DEBUG: null,
  TESTING: false,
  PROPAGATE_EXCEPTIONS: null,
  SECRET_KEY: null,
  SECRET_KEY_FALLBACKS: null,
  PERMANENT_SESSION_LIFETIME: 31 * 24 * 3600,
  USE_X_SENDFILE: false,
  TRUSTED_HOSTS: null,
  SERVER_NAME: null,
  APPLICATION_ROOT: '/',
  SESSION_COOKIE_NAME: 'session',
  SESSION_COOKIE_DOMAIN: null,
  SESSION_COOKIE_PATH: null,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_PARTITIONED: false,
  SESSION_COOKIE_SAMESITE: null,
  SESSION_REFRESH_EACH_REQUEST: true,
  MAX_CONTENT_LENGTH: null,
  MAX_FORM_MEMORY_SIZE: 500_000,
  MAX_FORM_PARTS: 1000,
  SEND_FILE_MAX_AGE_DEFAULT: null,
  TRAP_BAD_REQUEST_ERRORS: null,
  TRAP_HTTP_EXCEPTIONS: false,
  EXPLAIN_TEMPLATE_LOADING: false,
  PREFERRED_URL_SCHEME: 'http',
  TEMPLATES_AUTO_RELOAD: null,
  MAX_COOKIE_SIZE: 4093,
  PROVIDE_AUTOMATIC_OPTIONS: true,
})

/**
 * Flask's `get_debug_flag`: `FLASK_DEBUG` set to anything but `0`, `false` or `no` (read where the
 * runtime has `process.env`; false elsewhere). The app's `DEBUG` starts from it.
 *
 * @example
 * get_debug_flag() // true when started with FLASK_DEBUG=1
 */
export function get_debug_flag(
  env: Record<string, string | undefined> | undefined = (
    globalThis as { process?: { env?: Record<string, string | undefined> } }
  ).process?.env,
): boolean {
  const value = env?.FLASK_DEBUG
  return Boolean(value) && !['0', 'false', 'no'].includes(value!.toLowerCase())
}

/**
 * The configuration a new app starts with: `DEFAULT_CONFIG` with `DEBUG` from `FLASK_DEBUG`
 * (Flask's `make_config`), so `config.DEBUG` is `false` by default, never `null`.
 *
 * @example
 * new Config(initialConfig()).DEBUG // false
 */
export function initialConfig(): Record<string, unknown> {
  return { ...DEFAULT_CONFIG, DEBUG: get_debug_flag() }
}

const METHODS = new Set([
  'get',
  'setdefault',
  'update',
  'from_mapping',
  'from_object',
  'from_prefixed_env',
  'get_namespace',
  'keys',
  'items',
  'toJSON',
  'onChange',
])

/**
 * Flask's `Config`: a dict of settings read and written as properties (`config.DEBUG`,
 * `config['SECRET_KEY'] = 'x'`) with Flask's loaders. Only upper-case keys are loaded by
 * `from_mapping`/`from_object`, as in Flask.
 *
 * @example
 * app.config.from_mapping({ SECRET_KEY: 'dev', MAX_CONTENT_LENGTH: 1024 * 1024 })
 * app.config.from_prefixed_env() // FLASK_DEBUG=1 -> config.DEBUG === 1
 */
export class Config {
  [key: string]: unknown

  constructor(defaults: Record<string, unknown> = {}) {
    Object.assign(this, defaults)
  }

  /** The value of `key`, else `defaultValue`. @example config.get('DEBUG', false) */
  get<T = unknown>(key: string, defaultValue?: T): T {
    return (Object.hasOwn(this, key) && !METHODS.has(key) ? this[key] : defaultValue) as T
  }

  /** Sets `key` unless present, and returns its value. */
  setdefault<T = unknown>(key: string, defaultValue: T): T {
    if (!Object.hasOwn(this, key)) this[key] = defaultValue
    return this[key] as T
  }

  /** Copies every key of `values` (any case), as `dict.update`. */
  update(values: Record<string, unknown>): void {
    Object.assign(this, values)
  }

  /** Loads the upper-case keys of `mapping`; returns true as Flask does. */
  from_mapping(mapping: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): true {
    for (const [k, v] of Object.entries({ ...mapping, ...extra })) if (isUpper(k)) this[k] = v
    return true
  }

  /** Loads the upper-case attributes of an object or a class (static fields and getters included). */
  from_object(obj: object): void {
    const seen = new Set<string>()
    for (
      let o: object | null = obj;
      o !== null && o !== Object.prototype && o !== Function.prototype;
      o = Object.getPrototypeOf(o)
    ) {
      for (const k of Object.getOwnPropertyNames(o)) {
        if (!isUpper(k) || seen.has(k)) continue
        seen.add(k)
        this[k] = (obj as Record<string, unknown>)[k]
      }
    }
  }

  /**
   * Loads environment variables starting with `prefix_` (default `FLASK_`), values parsed as JSON
   * when they parse, and `__` in a name setting a nested key (`FLASK_DB__HOST`).
   */
  from_prefixed_env(
    prefix = 'FLASK',
    options: { env?: Record<string, string | undefined>; loads?: (v: string) => unknown } = {},
  ): true {
    const env =
      options.env ??
      (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ??
      {}
    const loads = options.loads ?? JSON.parse
    const start = `${prefix}_`
    for (const key of Object.keys(env).sort()) {
      if (!key.startsWith(start)) continue
      const raw = env[key]!
      let value: unknown = raw
      try {
        value = loads(raw)
      } catch {}
      const name = key.slice(start.length)
      if (!name.includes('__')) {
        this[name] = value
        continue
      }
      const [head, ...rest] = name.split('__')
      let current = this as Record<string, unknown>
      for (const part of [head!, ...rest.slice(0, -1)]) {
        if (typeof current[part] !== 'object' || current[part] === null) current[part] = {}
        current = current[part] as Record<string, unknown>
      }
      current[rest.at(-1)!] = value
    }
    return true
  }

  /** Keys starting with `namespace` (prefix removed and lower-cased unless told otherwise). */
  get_namespace(
    namespace: string,
    options: { lowercase?: boolean; trim_namespace?: boolean } = {},
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const [k, v] of this.items()) {
      if (!k.startsWith(namespace)) continue
      let key = options.trim_namespace === false ? k : k.slice(namespace.length)
      if (options.lowercase !== false) key = key.toLowerCase()
      out[key] = v
    }
    return out
  }

  keys(): string[] {
    return Object.keys(this)
  }
  items(): [string, unknown][] {
    return Object.entries(this)
  }
  toJSON(): Record<string, unknown> {
    return { ...this }
  }
}

function isUpper(key: string): boolean {
  return key === key.toUpperCase() && /[A-Z]/.test(key)
}
