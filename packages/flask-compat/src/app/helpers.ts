import { runSyncWithContext, tryGetContext } from '@bustapi/core'
import { currentSession, currentState } from '../ctx.js'
import { flash as flashTo } from '../flashing.js'
import { tuple } from '../sessions/index.js'
import type { Response } from '../wrappers/response.js'
import type { Flask } from './flask.js'
import { toResponse } from './make-response.js'
import { templateContext } from './templating.js'
import type { UrlForValues } from './url-for.js'

function app(): Flask {
  return currentState('app').app
}

/**
 * The URL of an endpoint: rule variables fill the path, other values become the query string;
 * `.view` is relative to the current blueprint; `_external`, `_anchor`, `_method`, `_scheme`.
 *
 * @example
 * url_for('user', { id: 3 }) // '/u/3'
 * url_for('.index', { page: 2, _anchor: 'top' }) // '/admin/?page=2#top'
 */
export function url_for(endpoint: string, values: UrlForValues = {}): string {
  return app().url_for(endpoint, values)
}

/**
 * A Response from what a view could return (Flask's `make_response`), to change before returning.
 * @example
 * const res = make_response(render('x'), 201); res.headers.set('X-Foo', 'bar'); return res
 */
export function make_response(...args: unknown[]): Response {
  if (args.length === 0) return toResponse('')
  // several arguments are a response tuple, as Flask's make_response(*args)
  return toResponse(args.length === 1 ? args[0] : tuple(...args), currentState().request?.endpoint ?? null)
}

/**
 * Renders a template from the app's (or a blueprint's) template folders with Flask's context:
 * `request`, `session`, `g`, `config`, `url_for`, `get_flashed_messages`, context processors.
 *
 * @example
 * app.get('/', async () => render_template('index.html', { title: 'Home' }))
 */
export async function render_template(name: string, context: Record<string, unknown> = {}): Promise<string> {
  const store = tryGetContext()
  const flask = app()
  const data = await templateContext(flask, context)
  // The template reads request/session/g while it runs, after the await above.
  return store
    ? runSyncWithContext(store, () => flask.jinja_env.render(name, data))
    : flask.jinja_env.render(name, data)
}

/** Renders a template given as a string. @example await render_template_string('Hi <%= name %>', { name }) */
export async function render_template_string(
  source: string,
  context: Record<string, unknown> = {},
): Promise<string> {
  const store = tryGetContext()
  const flask = app()
  const data = await templateContext(flask, context)
  const render = () => flask.jinja_env.renderString(source, data)
  return store ? runSyncWithContext(store, render) : render()
}

/** Stores a message for the next request (in the session). @example flash('Saved', 'success') */
export function flash(message: unknown, category = 'message'): void {
  flashTo(currentSession(), message, category)
}

/**
 * Flask's `stream_with_context`: generators returned by views already run inside the request
 * context here, so this returns its argument (kept for ported code).
 * @example return stream_with_context(generate())
 */
export function stream_with_context<T>(generator: T): T {
  return generator
}
