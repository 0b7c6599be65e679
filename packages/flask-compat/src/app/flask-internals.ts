import type { HTTPException as CoreHTTPException } from '@bustapi/core'
import { toWerkzeug } from '../exceptions.js'
import { send_from_directory } from '../files/index.js'
import type { Rule } from '../routing/rule.js'
import type { Flask } from './flask.js'
import type { RouteOptions, View } from './types.js'

/** A werkzeug HTML error page for a core HTTP error. */
export function errorPage(error: CoreHTTPException): globalThis.Response {
  return toWerkzeug(error).get_response()
}

/** The endpoint Flask derives for a view: its name; for anonymous functions, the rule itself. */
function endpointFor(app: Flask, rule: string, view: Function | null, methods: readonly string[]): string {
  if (view?.name && view.name !== 'anonymous' && !view.name.startsWith('bound ')) return view.name
  // two anonymous views on one rule (GET and POST) must not collide
  // dots separate blueprint names in endpoints, so a rule like /a.txt must not bring one
  const base = rule.replace(/\./g, '_')
  const taken = app.view_functions[base]
  return taken === undefined || taken === view ? base : `${base} ${methods.join(',')}`
}

/**
 * Flask's `add_url_rule` checks and bookkeeping, then `onRule` registers the compiled rule with
 * the router. Methods are upper-cased; OPTIONS is added (and answered automatically) unless the
 * view handles it or `PROVIDE_AUTOMATIC_OPTIONS` is off; HEAD follows GET.
 */
export function registerRule(
  app: Flask,
  rule: string,
  endpoint: string | null,
  view: View<never> | null,
  options: RouteOptions,
  onRule: (rule: Rule) => void,
): void {
  // Flask reads these off the view function too (class-based views set them)
  const attrs = (view ?? {}) as {
    methods?: readonly string[]
    provide_automatic_options?: boolean
    required_methods?: readonly string[]
  }
  const declared = options.methods ?? attrs.methods ?? ['GET']
  if (typeof declared === 'string') {
    throw new TypeError(
      'Allowed methods must be a list of strings, for example: app.route(rule, { methods: ["POST"] }, view)',
    )
  }
  const methods = new Set([...declared, ...(attrs.required_methods ?? [])].map((m) => m.toUpperCase()))
  let automatic = options.provide_automatic_options ?? attrs.provide_automatic_options
  if (automatic === undefined)
    automatic = !methods.has('OPTIONS') && Boolean(app.config.PROVIDE_AUTOMATIC_OPTIONS)
  if (automatic) methods.add('OPTIONS')
  if (methods.has('GET')) methods.add('HEAD')
  const name = endpoint ?? endpointFor(app, rule, view, [...methods])
  if (view !== null) {
    const old = app.view_functions[name]
    if (old !== undefined && old !== view) {
      throw new Error(`View function mapping is overwriting an existing endpoint function: ${name}`)
    }
  }
  const compiled = app.url_map.add(rule, name, methods, {
    defaults: options.defaults,
    strict_slashes: options.strict_slashes,
    provide_automatic_options: automatic,
    redirect_to: options.redirect_to,
  })
  if (view !== null) app.view_functions[name] = view
  onRule(compiled)
}

/** The view of a static route: files under `folder()` by their `filename` variable. */
export function staticView(app: Flask, folder: () => string): View<{ filename: string }> {
  return function static_({ filename }) {
    const maxAge = app.config.SEND_FILE_MAX_AGE_DEFAULT
    return send_from_directory(folder(), filename, typeof maxAge === 'number' ? { max_age: maxAge } : {})
  }
}
