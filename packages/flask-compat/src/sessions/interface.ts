import { addVary, dumpCookie, readCookie } from './cookie.js'
import { BadSignature, type SecretKey, URLSafeTimedSerializer } from './serializer.js'
import { isNullSession, NullSession, SecureCookieSession, type Session, sessionData } from './session.js'

/**
 * What the session interface needs of an application: its secret key and a config that reads
 * like a dict (`config[key]`, or `config.get(key)` when indexing gives undefined). Missing keys
 * fall back to Flask's defaults.
 */
export interface SessionApp {
  secret_key?: SecretKey | null | undefined
  config: object
}

/** Flask's defaults for the settings the session interface reads. */
export const SESSION_CONFIG_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  SECRET_KEY_FALLBACKS: null,
  SESSION_COOKIE_NAME: 'session',
  SESSION_COOKIE_DOMAIN: null,
  SESSION_COOKIE_PATH: null,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_PARTITIONED: false,
  SESSION_COOKIE_SAMESITE: null,
  SESSION_REFRESH_EACH_REQUEST: true,
  PERMANENT_SESSION_LIFETIME: 31 * 24 * 3600,
  APPLICATION_ROOT: '/',
})

/** Reads a setting from a dict-like config, falling back to Flask's default. */
export function configValue(app: SessionApp, key: string): unknown {
  const config = app.config as Record<string, unknown> & { get?: unknown }
  let value = config[key]
  if (value === undefined && typeof config.get === 'function')
    value = (config.get as (k: string) => unknown)(key)
  return value === undefined ? SESSION_CONFIG_DEFAULTS[key] : value
}

/** `PERMANENT_SESSION_LIFETIME` in seconds: a number of seconds or a `{ total_seconds() }`. */
export function permanentSessionLifetime(app: SessionApp): number {
  const value = configValue(app, 'PERMANENT_SESSION_LIFETIME') as number | { total_seconds(): number }
  return Math.floor(typeof value === 'number' ? value : value.total_seconds())
}

/** What `save_session` may return: a replacement response (when headers were immutable) or nothing. */
export type SaveResult = Response | undefined | void

/**
 * The interface Flask calls to load and store sessions; subclass it for server-side stores.
 * Only `open_session` and `save_session` must be written; both may be async.
 *
 * @example
 * class MemoryStore extends SessionInterface {
 *   override async open_session(app, request) { ... }
 *   override async save_session(app, session, response) { ... }
 * }
 */
export class SessionInterface {
  /** Null sessions are never saved. */
  make_null_session(_app: SessionApp): Session {
    return new NullSession()
  }

  is_null_session(session: unknown): boolean {
    return isNullSession(session)
  }

  get_cookie_name(app: SessionApp): string {
    return String(configValue(app, 'SESSION_COOKIE_NAME'))
  }

  get_cookie_domain(app: SessionApp): string | null {
    return (configValue(app, 'SESSION_COOKIE_DOMAIN') as string | null) ?? null
  }

  get_cookie_path(app: SessionApp): string {
    return String(configValue(app, 'SESSION_COOKIE_PATH') || configValue(app, 'APPLICATION_ROOT') || '/')
  }

  get_cookie_httponly(app: SessionApp): boolean {
    return Boolean(configValue(app, 'SESSION_COOKIE_HTTPONLY'))
  }

  get_cookie_secure(app: SessionApp): boolean {
    return Boolean(configValue(app, 'SESSION_COOKIE_SECURE'))
  }

  get_cookie_samesite(app: SessionApp): string | null {
    return (configValue(app, 'SESSION_COOKIE_SAMESITE') as string | null) ?? null
  }

  get_cookie_partitioned(app: SessionApp): boolean {
    return Boolean(configValue(app, 'SESSION_COOKIE_PARTITIONED'))
  }

  /** Now + `PERMANENT_SESSION_LIFETIME` for permanent sessions, else null (a browser-session cookie). */
  get_expiration_time(app: SessionApp, session: Session): Date | null {
    return session.permanent ? new Date(Date.now() + permanentSessionLifetime(app) * 1000) : null
  }

  /** Modified sessions are written; permanent ones also on every request when refreshing. */
  should_set_cookie(app: SessionApp, session: Session): boolean {
    return (
      session.modified || (session.permanent && Boolean(configValue(app, 'SESSION_REFRESH_EACH_REQUEST')))
    )
  }

  /** Loads the session for a request; null means "use the null session". */
  open_session(_app: SessionApp, _request: Request): Promise<Session | null> | Session | null {
    throw new Error('SessionInterface.open_session must be implemented by a subclass.')
  }

  /** Writes the session onto the response (cookie, `Vary`). */
  save_session(_app: SessionApp, _session: Session, _response: Response): Promise<SaveResult> | SaveResult {
    throw new Error('SessionInterface.save_session must be implemented by a subclass.')
  }
}

/**
 * Headers of `response` that can be changed: its own, or those of a copy when the original's are
 * immutable (e.g. `Response.redirect()` or a fetched response).
 */
export function writableResponse(response: Response): Response {
  try {
    response.headers.set('x-bustapi-probe', '1')
    response.headers.delete('x-bustapi-probe')
    return response
  } catch {
    return new Response(response.body, response)
  }
}

/**
 * Flask's default: the whole session in a signed cookie, in itsdangerous's format, readable by a
 * real Flask app with the same `SECRET_KEY` (and the other way round).
 *
 * @example
 * const iface = new SecureCookieSessionInterface()
 * const session = (await iface.open_session(app, request)) ?? iface.make_null_session(app)
 * response = (await iface.save_session(app, session, response)) ?? response
 */
export class SecureCookieSessionInterface extends SessionInterface {
  salt = 'cookie-session'
  key_derivation = 'hmac'
  /** Clock in seconds; tests pin it. */
  now: (() => number) | undefined = undefined
  #cache: { keys: SecretKey[]; serializer: URLSafeTimedSerializer } | undefined

  /** The serializer for the app's keys (fallbacks verify, the current key signs), or null without a key. */
  get_signing_serializer(app: SessionApp): URLSafeTimedSerializer | null {
    if (!app.secret_key) return null
    const fallbacks = (configValue(app, 'SECRET_KEY_FALLBACKS') as SecretKey[] | null) ?? []
    const keys = [...fallbacks, app.secret_key]
    const cached = this.#cache
    if (cached && cached.keys.length === keys.length && cached.keys.every((k, i) => k === keys[i])) {
      return cached.serializer
    }
    // the clock is read per call so that tests (and apps) can move `now` after the first request
    const now = () => (this.now ? this.now() : Math.floor(Date.now() / 1000))
    const serializer = new URLSafeTimedSerializer(keys, { salt: this.salt, now })
    this.#cache = { keys, serializer }
    return serializer
  }

  override async open_session(app: SessionApp, request: Request): Promise<Session | null> {
    const serializer = this.get_signing_serializer(app)
    if (serializer === null) return null
    const value = readCookie(request.headers.get('cookie'), this.get_cookie_name(app))
    if (!value) return new SecureCookieSession()
    try {
      const data = await serializer.loads(value, permanentSessionLifetime(app))
      const plain = data !== null && typeof data === 'object' && !Array.isArray(data)
      return new SecureCookieSession(plain ? (data as Record<string, unknown>) : null)
    } catch (error) {
      // tampered, expired or unreadable: a fresh session, never an error page
      if (error instanceof BadSignature) return new SecureCookieSession()
      throw error
    }
  }

  override async save_session(app: SessionApp, session: Session, response: Response): Promise<Response> {
    const name = this.get_cookie_name(app)
    const attributes = {
      domain: this.get_cookie_domain(app),
      path: this.get_cookie_path(app),
      secure: this.get_cookie_secure(app),
      partitioned: this.get_cookie_partitioned(app),
      samesite: this.get_cookie_samesite(app),
      httponly: this.get_cookie_httponly(app),
    }
    const data = sessionData(session)
    const empty = Object.keys(data).length === 0
    const wantVary = session.accessed
    if (empty && !session.modified && !wantVary) return response
    if (!empty && !wantVary && !this.should_set_cookie(app, session)) return response
    const res = writableResponse(response)
    if (wantVary) addVary(res.headers, 'Cookie')
    if (empty) {
      if (session.modified) {
        res.headers.append('set-cookie', dumpCookie(name, '', { ...attributes, expires: 0, max_age: 0 }))
        addVary(res.headers, 'Cookie')
      }
      return res
    }
    if (!this.should_set_cookie(app, session)) return res
    const value = await this.get_signing_serializer(app)!.dumps(data)
    res.headers.append(
      'set-cookie',
      dumpCookie(name, value, { ...attributes, expires: this.get_expiration_time(app, session) }),
    )
    addVary(res.headers, 'Cookie')
    return res
  }
}
