import type { BackgroundTasks } from '../background.js'
import { type SetCookieOptions, serializeCookie } from './mutable-response.js'

/** Starlette's response keywords. */
export interface ResponseInit {
  status_code?: number
  headers?: HeadersInit
  media_type?: string
  background?: BackgroundTasks
}

/** The constructor shape `response_class` accepts. */
export interface ResponseClass {
  new (content?: any, init?: ResponseInit | number): globalThis.Response
  readonly media_type?: string
  /** The status the class answers with when the route sets none (307 for redirects). */
  readonly status_code?: number
}

const BACKGROUND: unique symbol = Symbol.for('bustapi.fastapi.background')

/** The background tasks a response was created with, if any. */
export function backgroundOf(response: globalThis.Response): BackgroundTasks | undefined {
  return (response as { [BACKGROUND]?: BackgroundTasks })[BACKGROUND]
}

function normalize(init: ResponseInit | number | undefined): ResponseInit {
  return typeof init === 'number' ? { status_code: init } : (init ?? {})
}

const NO_BODY = new Set([101, 204, 205, 304])

/** The headers a response starts with: the given ones plus the media type's content type. */
function initialHeaders(init: ResponseInit, defaultType: string | undefined): Headers {
  const headers = new Headers(init.headers)
  const type = init.media_type ?? defaultType
  // Set before the body is attached, or fetch's Response would label a string body text/plain.
  if (type !== undefined && !headers.has('content-type'))
    headers.set('content-type', type.startsWith('text/') ? `${type}; charset=utf-8` : type)
  return headers
}

/**
 * Starlette's `Response`: raw content with a media type.
 * @example
 * return new Response('<xml/>', { media_type: 'application/xml' })
 */
export class FastAPIResponse extends globalThis.Response {
  static readonly media_type: string | undefined = undefined
  constructor(content?: BodyInit | null, init?: ResponseInit | number) {
    const o = normalize(init)
    const status = o.status_code ?? 200
    const headers = initialHeaders(o, (new.target as { media_type?: string }).media_type)
    super(NO_BODY.has(status) ? null : (content ?? null), { status, headers })
    if (o.background) Object.defineProperty(this, BACKGROUND, { value: o.background })
  }

  /**
   * Adds a `Set-Cookie` header, as Starlette's `response.set_cookie`.
   * @example
   * const res = new JSONResponse({ ok: true }); res.set_cookie('fakesession', 'fake-cookie-session-value')
   */
  set_cookie(key: string, value = '', options: SetCookieOptions = {}): void {
    this.headers.append('set-cookie', serializeCookie(key, value, options))
  }

  /** Expires a cookie. */
  delete_cookie(
    key: string,
    options: Pick<SetCookieOptions, 'path' | 'domain' | 'secure' | 'httponly' | 'samesite'> = {},
  ): void {
    this.set_cookie(key, '', { ...options, max_age: 0, expires: new Date(0) })
  }
}

/**
 * A JSON response.
 * @example
 * return new JSONResponse({ message: 'Item not found' }, { status_code: 404 })
 */
export class JSONResponse extends FastAPIResponse {
  static override readonly media_type: string = 'application/json'
  constructor(content?: unknown, init?: ResponseInit | number) {
    super(JSON.stringify(content === undefined ? null : content), init)
  }
}

/**
 * An HTML response.
 * @example
 * app.get('/items/', { response_class: HTMLResponse }, () => '<h1>Items</h1>')
 */
export class HTMLResponse extends FastAPIResponse {
  static override readonly media_type: string = 'text/html'
}

/**
 * A plain-text response.
 * @example
 * return new PlainTextResponse('Hello World')
 */
export class PlainTextResponse extends FastAPIResponse {
  static override readonly media_type: string = 'text/plain'
}

/**
 * A redirect, 307 by default as in Starlette.
 * @example
 * return new RedirectResponse('https://typer.tiangolo.com')
 */
export class RedirectResponse extends FastAPIResponse {
  static readonly status_code: number = 307
  constructor(url: string | URL, init?: ResponseInit | number) {
    const o = normalize(init)
    const headers = new Headers(o.headers)
    headers.set('location', encodeURI(decodeURI(String(url))))
    super(null, { ...o, status_code: o.status_code ?? 307, headers })
  }
}

/**
 * FastAPI's `ORJSONResponse`: the same JSON as `JSONResponse` (no orjson in JavaScript), kept so
 * ported code reads the same.
 * @example
 * app.get('/items/', { response_class: ORJSONResponse }, () => [{ item_id: 'Foo' }])
 */
export class ORJSONResponse extends JSONResponse {}
