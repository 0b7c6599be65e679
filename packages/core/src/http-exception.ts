import { HTTPException as HonoHTTPException } from 'hono/http-exception'
import { STATUS_CODES } from './status.js'

/**
 * An error that answers the request with an HTTP status. Compat layers subclass or render it in
 * their own style (werkzeug HTML pages, FastAPI's `{"detail": ...}`); core renders it as text or JSON.
 *
 * @example
 * throw new HTTPException(404, 'No such item', { 'X-Reason': 'gone' })
 */
export class HTTPException extends Error {
  readonly status: number
  readonly detail: unknown
  readonly headers: Headers

  constructor(status: number, detail?: unknown, headers?: HeadersInit, options?: { cause?: unknown }) {
    const text = detail === undefined ? (STATUS_CODES[status] ?? 'Error') : detail
    super(typeof text === 'string' ? text : JSON.stringify(text), options)
    this.name = 'HTTPException'
    this.status = status
    this.detail = text
    this.headers = new Headers(headers)
  }

  /** The default rendering: a string detail as text/plain, anything else as JSON. */
  toResponse(): Response {
    const headers = new Headers(this.headers)
    const noBody = this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200)
    if (noBody) return new Response(null, { status: this.status, headers })
    if (typeof this.detail === 'string') {
      if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=UTF-8')
      return new Response(this.detail, { status: this.status, headers })
    }
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    return new Response(JSON.stringify(this.detail), { status: this.status, headers })
  }
}

/** Status and headers of any HTTP error core knows, including Hono's own `HTTPException`. */
export function toHTTPException(error: unknown): HTTPException | undefined {
  if (error instanceof HTTPException) return error
  if (error instanceof HonoHTTPException) {
    const res = error.getResponse()
    return new HTTPException(error.status, error.message || undefined, res.headers, { cause: error })
  }
  return undefined
}

/** True when a value is an HTTP error: core's `HTTPException` or Hono's. */
export function isHTTPException(error: unknown): error is HTTPException | HonoHTTPException {
  return error instanceof HTTPException || error instanceof HonoHTTPException
}
