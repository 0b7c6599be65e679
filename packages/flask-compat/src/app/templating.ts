import { currentSession, g, request, session } from '../ctx.js'
import {
  type FlashedMessage,
  get_flashed_messages as flashedFrom,
  type GetFlashedMessagesOptions,
} from '../flashing.js'
import { invoke } from '../internal/invoke.js'
import { tryFlaskState } from '../internal/state.js'
import { createTemplateEnvironment, type TemplateEnvironment } from '../templating/index.js'
import type { Flask } from './flask.js'
import type { UrlForValues } from './url-for.js'

/**
 * `get_flashed_messages` for the current request (each request pops the session's list once).
 * @example get_flashed_messages({ with_categories: true, category_filter: ['error'] })
 */
export function flashedMessages(options: {
  with_categories: true
  category_filter?: Iterable<string>
}): FlashedMessage[]
export function flashedMessages(options?: Omit<GetFlashedMessagesOptions, 'cache'>): unknown[]
export function flashedMessages(options: Omit<GetFlashedMessagesOptions, 'cache'> = {}): unknown[] {
  const state = tryFlaskState()
  if (state?.request == null) return []
  return flashedFrom(currentSession(), { ...options, cache: state.flashes })
}

/** The app's template environment: its folders, filters, globals, `url_for` and `get_flashed_messages`. */
export function createAppTemplateEnvironment(app: Flask): TemplateEnvironment {
  const env = createTemplateEnvironment({
    folders: app.template_folders(),
    cache: !app.config.TEMPLATES_AUTO_RELOAD && !app.debug,
  })
  Object.assign(env.globals, {
    url_for: (endpoint: string, values?: UrlForValues) => app.url_for(endpoint, values),
    get_flashed_messages: flashedMessages,
    config: app.config,
  })
  Object.assign(env.globals, app.template_globals)
  Object.assign(env.filters, app.template_filters)
  Object.assign(env.tests, app.template_tests)
  return env
}

/** The variables every template sees (Flask's `update_template_context`), `extra` taking precedence. */
export async function templateContext(
  app: Flask,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const state = tryFlaskState()
  const ctx: Record<string, unknown> = { config: app.config }
  if (state !== undefined) ctx.g = g
  const names: (string | null)[] = [null]
  if (state?.request) {
    ctx.request = request
    ctx.session = session
    names.push(...state.request.blueprints.reverse())
  }
  for (const name of names) {
    const fns = app.template_context_processors.get(name)
    if (fns === undefined) continue
    for (const fn of fns) {
      const store = state?.store
      Object.assign(ctx, await (store ? invoke(store, fn, fn) : fn()))
    }
  }
  return Object.assign(ctx, extra)
}
