import type { Context } from 'hono'
import { HTTPException as HonoHTTPException } from 'hono/http-exception'
import { HTTPException } from './http-exception.js'

/** Turns an error thrown by a handler or middleware into the response sent to the client. */
export type ErrorHandler = (error: Error, c: Context<any>) => Response | Promise<Response>

/** Where unexpected errors are reported; replace it to send them to your own logger. */
export type ErrorReporter = (error: unknown, c: Context<any>) => void

/**
 * A reporter that logs the first unexpected error with its stack, then at most one line per
 * `intervalMs` with a count of what it left out, so a failing endpoint under load cannot flood logs.
 *
 * @example
 * const app = new App({ reportError: createRateLimitedReporter({ intervalMs: 5_000 }) })
 */
export function createRateLimitedReporter(
  options: { intervalMs?: number; log?: (...args: unknown[]) => void } = {},
): ErrorReporter {
  const intervalMs = options.intervalMs ?? 1_000
  const log = options.log ?? console.error
  let last = Number.NEGATIVE_INFINITY
  let suppressed = 0
  return (error, c) => {
    const now = Date.now()
    if (now - last < intervalMs) {
      suppressed++
      return
    }
    last = now
    const where = `${c.req.method} ${c.req.path}`
    const more = suppressed > 0 ? ` (${suppressed} more since the last report)` : ''
    suppressed = 0
    log(`[bustapi] unhandled error in ${where}${more}:`, error)
  }
}

/**
 * The default error path: HTTP errors answer with their own status; anything else is a 500 whose
 * body says nothing about the cause (the stack goes to the reporter, never to the client).
 */
export function createDefaultErrorHandler(report: ErrorReporter): ErrorHandler {
  return (error, c) => {
    if (error instanceof HTTPException) return error.toResponse()
    if (error instanceof HonoHTTPException) return error.getResponse()
    report(error, c)
    return new Response('Internal Server Error', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=UTF-8' },
    })
  }
}
