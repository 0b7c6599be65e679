import { tryFlaskState } from '../internal/state.js'

/** What Flask fills in for `send_file` from the current app and request. */
export interface FlaskFileDefaults {
  root_path?: string
  max_age?: number | null
  request?: Request
}

/** Seconds from a number, or from an object with `total_seconds()` / `valueOf()` (timedelta-like). */
function seconds(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'total_seconds' in value) {
    const fn = (value as { total_seconds: unknown }).total_seconds
    if (typeof fn === 'function') return Number(fn.call(value))
  }
  return null
}

/**
 * Flask's wrappers around werkzeug's `send_file`: the current app's `root_path` for relative
 * paths, `SEND_FILE_MAX_AGE_DEFAULT` (or the app's `get_send_file_max_age`) for `max_age`, and the
 * current request; nothing outside an app context.
 *
 * @example
 * const { root_path, max_age } = flaskFileDefaults('report.pdf')
 */
export function flaskFileDefaults(path: string | undefined): FlaskFileDefaults {
  const state = tryFlaskState()
  if (state === undefined) return {}
  const app = state.app as unknown as {
    root_path?: string
    config: Record<string, unknown>
    get_send_file_max_age?: (filename: string | undefined) => unknown
  }
  const maxAge =
    typeof app.get_send_file_max_age === 'function'
      ? seconds(app.get_send_file_max_age(path))
      : seconds(app.config.SEND_FILE_MAX_AGE_DEFAULT)
  const defaults: FlaskFileDefaults = { max_age: maxAge }
  if (app.root_path !== undefined) defaults.root_path = app.root_path
  const raw = state.request?.raw
  if (raw !== undefined) defaults.request = raw
  return defaults
}
