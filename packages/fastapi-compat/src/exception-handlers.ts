import { toHTTPException } from '@bustapi/core'
import type { Context } from 'hono'
import { RequestValidationError, ResponseValidationError } from './exceptions.js'
import { JSONResponse, PlainTextResponse } from './responses/responses.js'

/** An exception handler: `(request, exc) => Response`, as FastAPI's. */
export type ExceptionHandler<E = any> = (request: Request, exc: E) => Response | Promise<Response>

/** An error class (`HTTPException`, `RequestValidationError`, your own) or an HTTP status. */
export type ExceptionKey = number | (abstract new (...args: any[]) => unknown)

const NO_BODY = new Set([204, 304])

/**
 * FastAPI's default rendering of an HTTP error: `{"detail": ...}` with its status and headers.
 * @example
 * app.exception_handler(StarletteHTTPException, async (req, exc) => { log(exc); return http_exception_handler(req, exc) })
 */
export function http_exception_handler(
  _request: Request,
  exc: { status: number; detail: unknown; headers: Headers },
): Response {
  if (NO_BODY.has(exc.status)) return new Response(null, { status: exc.status, headers: exc.headers })
  const res = new JSONResponse({ detail: exc.detail }, { status_code: exc.status, headers: exc.headers })
  return res
}

/**
 * FastAPI's default rendering of a validation error: 422 `{"detail": exc.errors()}`.
 * @example
 * app.exception_handler(RequestValidationError, (req, exc) => request_validation_exception_handler(req, exc))
 */
export function request_validation_exception_handler(
  _request: Request,
  exc: RequestValidationError,
): Response {
  return new JSONResponse({ detail: exc.errors() }, { status_code: 422 })
}

const serverError = () => new PlainTextResponse('Internal Server Error', { status_code: 500 })

/**
 * Builds the error renderer a FastAPI app installs on its core app: user handlers by class (most
 * specific first) or status, then FastAPI's defaults.
 */
export function createErrorRenderer(
  handlers: Map<ExceptionKey, ExceptionHandler>,
  report: (error: unknown, c: Context) => void,
): (error: Error, c: Context) => Promise<Response> {
  return async (error, c) => {
    const request = c.req.raw
    for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const handler = handlers.get(proto.constructor)
      if (handler !== undefined && proto.constructor !== Error) return handler(request, error)
    }
    const http = toHTTPException(error)
    if (http !== undefined) {
      const byStatus = handlers.get(http.status)
      if (byStatus !== undefined) return byStatus(request, http)
      return http_exception_handler(request, http)
    }
    if (error instanceof RequestValidationError) return request_validation_exception_handler(request, error)
    const generic = handlers.get(500) ?? handlers.get(Error)
    if (!(error instanceof ResponseValidationError) || generic === undefined) report(error, c)
    if (generic !== undefined) return generic(request, error)
    return serverError()
  }
}
