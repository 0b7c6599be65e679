import { RuntimeError } from '../ctx.js'
import { tryFlaskState } from '../internal/state.js'
import type { Flask } from './flask.js'
import { BuildError, buildPath, quoteAnchor } from './url-build.js'

/** Values of `url_for`: rule variables, extra values (the query string) and Flask's `_` options. */
export interface UrlForValues {
  _external?: boolean
  _anchor?: string
  _method?: string
  _scheme?: string
  [value: string]: unknown
}

/** A fallback for URLs the map cannot build (Flask's `url_build_error_handlers`); return a URL or nothing. */
export type UrlBuildErrorHandler = (
  error: BuildError,
  endpoint: string,
  values: Record<string, unknown>,
) => string | undefined | null

function blueprintChain(name: string): string[] {
  const parts = name.split('.')
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'))
}

/** Runs the `url_defaults` functions for the app and the endpoint's blueprints (outermost first). */
export function injectUrlDefaults(app: Flask, endpoint: string, values: Record<string, unknown>): void {
  const dot = endpoint.lastIndexOf('.')
  const names: (string | null)[] = [null, ...(dot > 0 ? blueprintChain(endpoint.slice(0, dot)) : [])]
  for (const name of names) {
    const fns = app.url_default_functions.get(name)
    if (fns) for (const fn of fns) fn(endpoint, values)
  }
}

/** Flask's `url_for` for `app` (see the exported `url_for`). */
export function urlFor(app: Flask, endpoint: string, input: UrlForValues): string {
  const { _external, _anchor, _method, _scheme, ...values } = input
  const state = tryFlaskState()
  const request = state?.request ?? null
  let external = _external
  let root: string
  if (request !== null) {
    const bp = request.blueprint
    if (endpoint.startsWith('.')) endpoint = bp !== null ? `${bp}${endpoint}` : endpoint.slice(1)
    external ??= _scheme !== undefined
    root = `${_scheme ?? request.scheme}://${request.host}${request.script_root}`
  } else {
    const server = app.config.SERVER_NAME
    if (typeof server !== 'string' || server === '') {
      throw new RuntimeError(
        "Unable to build URLs outside an active request without 'SERVER_NAME' configured. Also configure 'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed.",
      )
    }
    external ??= true
    const scheme = _scheme ?? String(app.config.PREFERRED_URL_SCHEME ?? 'http')
    root = `${scheme}://${server}${String(app.config.APPLICATION_ROOT ?? '/').replace(/\/$/, '')}`
  }
  if (_scheme !== undefined && !external)
    throw new Error("When specifying '_scheme', '_external' must be True.")
  injectUrlDefaults(app, endpoint, values)
  let path: string
  try {
    path = buildPath(app.url_map, endpoint, values, _method, request?.method ?? 'GET')
  } catch (error) {
    if (!(error instanceof BuildError)) throw error
    return handleBuildError(app, error, endpoint, {
      ...values,
      _anchor,
      _method,
      _scheme,
      _external: external,
    })
  }
  let url = external ? `${root}${path}` : `${request?.script_root ?? ''}${path}`
  if (_anchor !== undefined) url += `#${quoteAnchor(String(_anchor))}`
  return url
}

function handleBuildError(
  app: Flask,
  error: BuildError,
  endpoint: string,
  values: Record<string, unknown>,
): string {
  let current = error
  for (const handler of app.url_build_error_handlers) {
    try {
      const rv = handler(current, endpoint, values)
      if (rv !== undefined && rv !== null) return rv
    } catch (e) {
      if (!(e instanceof BuildError)) throw e
      current = e
    }
  }
  throw current
}
