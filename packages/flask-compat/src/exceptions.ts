import { HTTPException as CoreHTTPException } from '@bustapi/core'
import { escapeText as escape_ } from './internal/escape.js'
import { DESCRIPTIONS } from './internal/http-descriptions.js'

/** Werkzeug's reason phrases for the codes its exceptions use. */
const NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
}

export interface HTTPExceptionOptions {
  /** A Response to send instead of the generated error page. */
  response?: Response
  headers?: HeadersInit
}

/**
 * Werkzeug's `HTTPException`: an error with a status `code`, a `description` and a default HTML
 * page; a subclass of core's `HTTPException`, so core and other layers recognise it.
 *
 * @example
 * throw new HTTPException('Custom text') // subclasses set `code`
 */
export class HTTPException extends CoreHTTPException {
  /** The status code; subclasses set it (`NotFound.code === 404`). */
  static code: number | undefined = undefined
  static description = ''
  readonly code: number
  readonly description: string
  readonly response: Response | undefined

  constructor(description?: string, options: HTTPExceptionOptions = {}) {
    const ctor = new.target as typeof HTTPException
    const code = ctor.code ?? 500
    const desc = description ?? ctor.description
    super(code, desc, options.headers)
    this.name = ctor.name
    this.code = code
    this.description = desc
    this.response = options.response
  }

  /** The reason phrase, e.g. `Not Found`. */
  get reason(): string {
    return NAMES[this.code] ?? 'Unknown Error'
  }

  /** The HTML page body, byte for byte as werkzeug renders it. */
  get_body(): string {
    return (
      `<!doctype html>\n<html lang=en>\n<title>${this.code} ${escape_(this.reason)}</title>\n` +
      `<h1>${escape_(this.reason)}</h1>\n<p>${escape_(this.description).replace(/\n/g, '<br>')}</p>\n`
    )
  }

  /** Headers of the error page: the content type plus what the exception adds (Allow, Retry-After...). */
  get_headers(): Headers {
    const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' })
    for (const [k, v] of this.headers) headers.set(k, v)
    return headers
  }

  /** The response this error answers with: its own `response` if given, else the HTML page. */
  get_response(): Response {
    if (this.response !== undefined) return this.response
    return new Response(this.get_body(), { status: this.code, headers: this.get_headers() })
  }

  override toResponse(): Response {
    return this.get_response()
  }
}

type Ctor = new (description?: string, options?: HTTPExceptionOptions) => HTTPException

/** A werkzeug exception class with nothing but its code and default description (from the table). */
function define(code: number, name: string): Ctor {
  const cls = { [name]: class extends HTTPException {} }[name]!
  cls.code = code
  cls.description = DESCRIPTIONS[code] ?? ''
  return cls as unknown as Ctor
}

/** 400: the client sent something the server could not understand. @example abort(400) */
export class BadRequest extends HTTPException {
  static override code = 400
  static override description = 'The browser (or proxy) sent a request that this server could not understand.'
}
/**
 * werkzeug's `BadRequestKeyError`: a 400 for a missing key (`request.form['x']`). The key shows
 * in the page only with `show_exception` (Flask sets it in debug mode).
 *
 * @example
 * throw new BadRequestKeyError('username')
 */
export class BadRequestKeyError extends BadRequest {
  /** The missing key. */
  readonly key: string | undefined
  #show = false
  constructor(key?: string, description?: string, options: HTTPExceptionOptions = {}) {
    super(description, options)
    this.key = key
  }
  /** Whether the page names the key (`KeyError: 'x'`); off by default, as in production. */
  get show_exception(): boolean {
    return this.#show
  }
  set show_exception(value: boolean) {
    this.#show = value
    const base = (this.constructor as typeof HTTPException).description
    const shown = value ? `${base}\nKeyError: ${this.key === undefined ? '' : pyRepr(this.key)}` : base
    ;(this as { description: string }).description = shown
  }
}

/** Python's repr of a str, as KeyError prints its key. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const body = text.replace(/\\/g, '\\\\').replace(quote === "'" ? /'/g : /"/g, `\\${quote}`)
  return `${quote}${body}${quote}`
}

/** 401. @example throw new Unauthorized() */
export class Unauthorized extends HTTPException {
  static override code = 401
  static override description =
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."
  constructor(description?: string, options: HTTPExceptionOptions & { www_authenticate?: string } = {}) {
    const headers = new Headers(options.headers)
    if (options.www_authenticate) headers.set('www-authenticate', options.www_authenticate)
    super(description, { ...options, headers })
  }
}
/** 403. @example throw new Forbidden() */
export class Forbidden extends HTTPException {
  static override code = 403
  static override description =
    "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."
}
/** 404. @example throw new NotFound() */
export class NotFound extends HTTPException {
  static override code = 404
  static override description =
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'
}
/** 405 with the `Allow` header from `valid_methods`. @example throw new MethodNotAllowed(['GET']) */
export class MethodNotAllowed extends HTTPException {
  static override code = 405
  static override description = 'The method is not allowed for the requested URL.'
  readonly valid_methods: string[] | undefined
  constructor(valid_methods?: readonly string[], description?: string, options: HTTPExceptionOptions = {}) {
    const headers = new Headers(options.headers)
    if (valid_methods) headers.set('allow', valid_methods.join(', '))
    super(description, { ...options, headers })
    this.valid_methods = valid_methods ? [...valid_methods] : undefined
  }
}
/** 413. @example throw new RequestEntityTooLarge() */
export class RequestEntityTooLarge extends HTTPException {
  static override code = 413
  static override description = 'The data value transmitted exceeds the capacity limit.'
}
/** 415. @example throw new UnsupportedMediaType() */
export class UnsupportedMediaType extends HTTPException {
  static override code = 415
  static override description = 'The server does not support the media type transmitted in the request.'
}
/** 429 with an optional `Retry-After`. @example throw new TooManyRequests(undefined, { retry_after: 5 }) */
export class TooManyRequests extends HTTPException {
  static override code = 429
  static override description = 'This user has exceeded an allotted request count. Try again later.'
  constructor(description?: string, options: HTTPExceptionOptions & { retry_after?: number } = {}) {
    const headers = new Headers(options.headers)
    if (options.retry_after !== undefined) headers.set('retry-after', String(options.retry_after))
    super(description, { ...options, headers })
  }
}
/** 500; `original_exception` holds the error that caused it. @example new InternalServerError() */
export class InternalServerError extends HTTPException {
  static override code = 500
  static override description =
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'
  original_exception: unknown
  constructor(description?: string, options: HTTPExceptionOptions & { original_exception?: unknown } = {}) {
    super(description, options)
    this.original_exception = options.original_exception
  }
}

/** 406. @example throw new NotAcceptable() */
export const NotAcceptable = define(406, 'NotAcceptable')
/** 408. @example throw new RequestTimeout() */
export const RequestTimeout = define(408, 'RequestTimeout')
/** 409. @example throw new Conflict() */
export const Conflict = define(409, 'Conflict')
/** 410. @example throw new Gone() */
export const Gone = define(410, 'Gone')
/** 411. @example throw new LengthRequired() */
export const LengthRequired = define(411, 'LengthRequired')
/** 412. @example throw new PreconditionFailed() */
export const PreconditionFailed = define(412, 'PreconditionFailed')
/** 414. @example throw new RequestURITooLarge() */
export const RequestURITooLarge = define(414, 'RequestURITooLarge')
/** 416. @example throw new RequestedRangeNotSatisfiable() */
export const RequestedRangeNotSatisfiable = define(416, 'RequestedRangeNotSatisfiable')
/** 417. @example throw new ExpectationFailed() */
export const ExpectationFailed = define(417, 'ExpectationFailed')
/** 418. @example throw new ImATeapot() */
export const ImATeapot = define(418, 'ImATeapot')
/** 422. @example throw new UnprocessableEntity() */
export const UnprocessableEntity = define(422, 'UnprocessableEntity')
/** 423. @example throw new Locked() */
export const Locked = define(423, 'Locked')
/** 424. @example throw new FailedDependency() */
export const FailedDependency = define(424, 'FailedDependency')
/** 428. @example throw new PreconditionRequired() */
export const PreconditionRequired = define(428, 'PreconditionRequired')
/** 431. @example throw new RequestHeaderFieldsTooLarge() */
export const RequestHeaderFieldsTooLarge = define(431, 'RequestHeaderFieldsTooLarge')
/** 451. @example throw new UnavailableForLegalReasons() */
export const UnavailableForLegalReasons = define(451, 'UnavailableForLegalReasons')
/** 501. @example throw new NotImplemented() */
export const NotImplemented = define(501, 'NotImplemented')
/** 502. @example throw new BadGateway() */
export const BadGateway = define(502, 'BadGateway')
/** 503. @example throw new ServiceUnavailable() */
export const ServiceUnavailable = define(503, 'ServiceUnavailable')
/** 504. @example throw new GatewayTimeout() */
export const GatewayTimeout = define(504, 'GatewayTimeout')
/** 505. @example throw new HTTPVersionNotSupported() */
export const HTTPVersionNotSupported = define(505, 'HTTPVersionNotSupported')

/** Every default exception class by status code, as werkzeug's `default_exceptions`. */
export const default_exceptions: Readonly<Record<number, Ctor>> = Object.fromEntries(
  [
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    RequestTimeout,
    Conflict,
    Gone,
    LengthRequired,
    PreconditionFailed,
    RequestEntityTooLarge,
    RequestURITooLarge,
    UnsupportedMediaType,
    RequestedRangeNotSatisfiable,
    ExpectationFailed,
    ImATeapot,
    UnprocessableEntity,
    Locked,
    FailedDependency,
    PreconditionRequired,
    TooManyRequests,
    RequestHeaderFieldsTooLarge,
    UnavailableForLegalReasons,
    InternalServerError,
    NotImplemented,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
    HTTPVersionNotSupported,
  ].map((cls) => [(cls as unknown as typeof HTTPException).code, cls as unknown as Ctor]),
)

/**
 * Raises the HTTP error for `status` (werkzeug's page), or sends `status` as the response when it is one.
 *
 * @example
 * if (!user) abort(404)
 * abort(401, 'Log in first')
 * abort(new Response('nope', { status: 403 }))
 */
export function abort(status: number | Response | { toWeb(): Response }, description?: string): never {
  if (typeof status !== 'number') {
    const response = status instanceof Response ? status : status.toWeb()
    throw new HTTPException(undefined, { response })
  }
  if (status === 405) throw new MethodNotAllowed(undefined, description)
  const cls = default_exceptions[status]
  if (cls === undefined) throw new LookupError(`no exception for ${status}`)
  throw new cls(description)
}

/** Thrown by `abort` for a status werkzeug has no exception for. @example try { abort(299) } catch {} */
export class LookupError extends Error {}

/** Turns any core or Hono HTTP error into the werkzeug class for its status. */
export function toWerkzeug(error: CoreHTTPException): HTTPException {
  if (error instanceof HTTPException) return error
  if (error.status === 405) {
    const allow = error.headers.get('allow')
    return new MethodNotAllowed(allow ? allow.split(/,\s*/) : undefined)
  }
  const cls = default_exceptions[error.status]
  if (cls !== undefined) {
    const detail =
      typeof error.detail === 'string' && error.detail !== NAMES[error.status] ? error.detail : undefined
    return new cls(detail, { headers: error.headers })
  }
  return new HTTPException(typeof error.detail === 'string' ? error.detail : undefined, {
    headers: error.headers,
  })
}
