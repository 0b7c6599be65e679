import { HTTPException as CoreHTTPException } from '@bustapi/core'
import { HTTPException, toWerkzeug } from '../exceptions.js'
import type { ErrorHandlerSpec } from './scaffold.js'
import type { ErrorHandlerFn } from './types.js'

/** Core or Hono HTTP errors become werkzeug's class for their status; anything else is kept. */
export function normalizeError(error: unknown): unknown {
  if (error instanceof CoreHTTPException && !(error instanceof HTTPException)) return toWerkzeug(error)
  return error
}

/**
 * The handler for `error` (Flask's `_find_error_handler`): blueprint scopes innermost first, then
 * the app; within a scope the status code before "any code"; within that the error's own class
 * before its parents.
 */
export function findErrorHandler(
  spec: ErrorHandlerSpec,
  error: unknown,
  blueprints: readonly string[],
): ErrorHandlerFn | undefined {
  if (spec.size === 0 || error === null || typeof error !== 'object') return undefined
  const code = error instanceof HTTPException ? error.code : null
  const codes = code === null ? [null] : [code, null]
  for (const name of [...blueprints, null]) {
    const byCode = spec.get(name)
    if (byCode === undefined) continue
    for (const c of codes) {
      const byClass = byCode.get(c)
      if (byClass === undefined) continue
      for (
        let cls: unknown = error.constructor;
        typeof cls === 'function';
        cls = Object.getPrototypeOf(cls)
      ) {
        const handler = byClass.get(cls as Function)
        if (handler !== undefined) return handler
      }
    }
  }
  return undefined
}
