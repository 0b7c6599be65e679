import { HTTPException as CoreHTTPException } from '@bustapi/core'
import type { ErrorItem } from './validation/error-types.js'

/**
 * FastAPI's `HTTPException`: answers `{"detail": detail}` with the status and headers given.
 *
 * @example
 * throw new HTTPException(404, 'Item not found', { 'X-Error': 'There goes my error' })
 */
export class HTTPException extends CoreHTTPException {
  constructor(status_code: number, detail?: unknown, headers?: HeadersInit) {
    super(status_code, detail, headers)
  }
  /** FastAPI's name for the status. */
  get status_code(): number {
    return this.status
  }
}

/**
 * The request did not validate: rendered as 422 `{"detail": errors()}` unless the app installs an
 * `exception_handler(RequestValidationError, ...)`.
 *
 * @example
 * app.exception_handler(RequestValidationError, (req, exc) => new PlainTextResponse(String(exc), { status_code: 400 }))
 */
export class RequestValidationError extends Error {
  readonly #errors: ErrorItem[]
  /** The request body as received (when one was read). */
  readonly body: unknown
  constructor(errors: ErrorItem[], options: { body?: unknown } = {}) {
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'}`)
    this.name = 'RequestValidationError'
    this.#errors = errors
    this.body = options.body
  }
  /** The error items, as FastAPI's `exc.errors()`. */
  errors(): ErrorItem[] {
    return this.#errors
  }
}

/**
 * A handler's return value failed its `response_model`: a server error (500), as in FastAPI.
 * @example
 * app.exception_handler(ResponseValidationError, (req, exc) => new JSONResponse({ detail: exc.errors() }, { status_code: 500 }))
 */
export class ResponseValidationError extends Error {
  readonly #errors: ErrorItem[]
  readonly body: unknown
  constructor(errors: ErrorItem[], options: { body?: unknown } = {}) {
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'} in the response`)
    this.name = 'ResponseValidationError'
    this.#errors = errors
    this.body = options.body
  }
  errors(): ErrorItem[] {
    return this.#errors
  }
}

/**
 * A misuse of the framework found while serving a request, e.g. a dependency with yield that
 * swallowed the request's exception so that no response exists. Rendered as a 500.
 *
 * @example
 * app.exception_handler(FastAPIError, (req, exc) => new PlainTextResponse(exc.message, { status_code: 500 }))
 */
export class FastAPIError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FastAPIError'
  }
}
