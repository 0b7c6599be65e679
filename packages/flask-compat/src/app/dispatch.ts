import { type Context, runSyncWithContext } from '@bustapi/core'
import { createState } from '../ctx.js'
import { BadRequestKeyError, HTTPException, InternalServerError } from '../exceptions.js'
import { invoke } from '../internal/invoke.js'
import type { FlaskState } from '../internal/state.js'
import { environOf } from '../middleware/environ.js'
import { RequestRedirect } from '../routing/map.js'
import type { Rule } from '../routing/rule.js'
import type { Request } from '../wrappers/request.js'
import { Response } from '../wrappers/response.js'
import { findErrorHandler, normalizeError } from './errors.js'
import type { Flask } from './flask.js'
import { toResponse } from './make-response.js'
import { openSession, withRequest } from './request-setup.js'

/**
 * Handles one request the Flask way (`wsgi_app`): request context, session, hooks, the view,
 * error handlers, response processing and teardown.
 */
export function handleRequest(
  app: Flask,
  c: Context,
  rule: Rule | null,
  view_args: Record<string, unknown> | null,
  routing_exception: Error | null,
): Promise<globalThis.Response> | globalThis.Response {
  return withRequest(app, c, (request) => start(app, c, request, rule, view_args, routing_exception))
}

function start(
  app: Flask,
  c: Context,
  request: Request,
  rule: Rule | null,
  view_args: Record<string, unknown> | null,
  routing_exception: Error | null,
): Promise<globalThis.Response> | globalThis.Response {
  request.url_rule = rule
  request.view_args = view_args
  request.routing_exception = routing_exception
  const state = createState(app, request, c)
  return runSyncWithContext(state.store, () => fastRun(app, state))
}

/** Routes a request core's router did not hand to a rule: werkzeug's 404/405/308, or a late match. */
export function handleUnmatched(app: Flask, c: Context): Promise<globalThis.Response> | globalThis.Response {
  const url = c.req.raw.url
  const schemeEnd = url.indexOf('://') + 3
  const base = url.slice(0, url.indexOf('/', schemeEnd))
  const q = url.indexOf('?')
  const root = environOf(c.req.raw).script_root?.replace(/\/+$/, '') ?? ''
  const result = app.url_map.match(c.req.path, c.req.method, q < 0 ? '' : url.slice(q + 1), base, root)
  if ('rule' in result) return handleRequest(app, c, result.rule, result.view_args, null)
  return handleRequest(app, c, null, null, result)
}

/** Where the slow path picks up after the synchronous fast path stopped. */
type Resume = { thrown: unknown } | { fatal: unknown } | { response: Response } | undefined

/**
 * The common case without a single extra promise: no session to verify, no hooks, a view that
 * returns at once. It runs with the request context set only while it runs (no AsyncLocalStorage);
 * anything else continues in `run`, which re-enters the context around every call into user code.
 */
function fastRun(app: Flask, state: FlaskState): Promise<globalThis.Response> | globalThis.Response {
  const opening = openSession(app, state, state.request!.raw)
  const hooks =
    app.before_request_funcs.size + app.url_value_preprocessors.size + app.teardown_request_funcs.size
  if (opening !== undefined || hooks > 0 || app.teardown_appcontext_funcs.length > 0)
    return run(app, state, opening, undefined)
  let rv: unknown
  try {
    rv = dispatch(app, state)
  } catch (thrown) {
    return run(app, state, undefined, { thrown })
  }
  if (rv instanceof Promise)
    return rv.then(
      (value) => runSyncWithContext(state.store, () => finish(app, state, value)),
      (thrown) => run(app, state, undefined, { thrown }),
    )
  return finish(app, state, rv)
}

function finish(
  app: Flask,
  state: FlaskState,
  rv: unknown,
): Promise<globalThis.Response> | globalThis.Response {
  let response: Response
  try {
    response = toResponse(rv, state.request?.endpoint ?? null)
  } catch (fatal) {
    return run(app, state, undefined, { fatal })
  }
  if (state.afterThisRequest.length > 0 || app.after_request_funcs.size > 0 || state.session !== undefined) {
    return run(app, state, undefined, { response })
  }
  return response.toWeb()
}

async function run(
  app: Flask,
  state: FlaskState,
  opening: Promise<void> | undefined,
  resume: Resume,
): Promise<globalThis.Response> {
  let error: unknown = null
  let response: Response
  try {
    try {
      if (opening !== undefined) await opening
      if (resume !== undefined && 'fatal' in resume) throw resume.fatal
      response = await fullDispatch(app, state, resume)
    } catch (thrown) {
      error = thrown
      response = await handleException(app, state, thrown)
    }
    return within(state, () => response.toWeb())
  } finally {
    if (app.teardown_request_funcs.size > 0 || app.teardown_appcontext_funcs.length > 0)
      await teardown(app, state, error)
  }
}

async function fullDispatch(app: Flask, state: FlaskState, resume: Resume): Promise<Response> {
  if (resume !== undefined && 'response' in resume) return processResponse(app, state, resume.response)
  let rv: unknown
  try {
    if (resume !== undefined && 'thrown' in resume) throw resume.thrown
    if (app.before_request_funcs.size > 0 || app.url_value_preprocessors.size > 0)
      rv = await preprocess(app, state)
    if (rv === undefined || rv === null) {
      rv = dispatch(app, state)
      if (rv instanceof Promise) rv = await rv
    }
  } catch (thrown) {
    rv = await handleUserException(app, state, normalizeError(thrown))
  }
  const response = within(state, () => toResponse(rv, state.request?.endpoint ?? null))
  const idle =
    state.afterThisRequest.length === 0 && app.after_request_funcs.size === 0 && state.session === undefined
  return idle ? response : processResponse(app, state, response)
}

async function preprocess(app: Flask, state: FlaskState): Promise<unknown> {
  const request = state.request!
  const names = [null, ...request.blueprints.reverse()]
  for (const name of names) {
    const fns = app.url_value_preprocessors.get(name)
    if (fns) for (const fn of fns) call(state, fn, () => fn(request.endpoint, request.view_args))
  }
  for (const name of names) {
    const fns = app.before_request_funcs.get(name)
    if (fns === undefined) continue
    for (const fn of fns) {
      const rv = await call(state, fn, fn)
      if (rv !== undefined && rv !== null) return rv
    }
  }
  return undefined
}

/** Calls user code with the request context (see `invoke`). */
function call<T>(state: FlaskState, fn: unknown, thunk: () => T): T {
  return invoke(state.store, fn, thunk)
}

/** Runs our own code that reads the context (`current_app`, the request) after an await. */
function within<T>(state: FlaskState, fn: () => T): T {
  return runSyncWithContext(state.store, fn)
}

function dispatch(app: Flask, state: FlaskState): unknown {
  const request = state.request!
  if (request.routing_exception !== null) throw request.routing_exception
  const rule = request.url_rule!
  if (rule.provide_automatic_options && request.method === 'OPTIONS') {
    const res = new Response('')
    res.headers.set(
      'allow',
      app.url_map.allowed_methods(request.environ.match_path ?? request.path).join(', '),
    )
    return res
  }
  const view = app.view_functions[rule.endpoint] as ((args: Record<string, unknown>) => unknown) | undefined
  if (view === undefined) throw new Error(`No view function for endpoint '${rule.endpoint}'.`)
  const args = request.view_args ?? {}
  return call(state, view, () => view(args))
}

function trapped(app: Flask, error: HTTPException): boolean {
  if (app.config.TRAP_HTTP_EXCEPTIONS) return true
  const trap = app.config.TRAP_BAD_REQUEST_ERRORS
  // unset: a missing key (BadRequestKeyError) is raised in debug mode, as Flask does
  if ((trap === null || trap === undefined) && app.debug && error instanceof BadRequestKeyError) return true
  return Boolean(trap) && error.code === 400
}

async function handleUserException(app: Flask, state: FlaskState, error: unknown): Promise<unknown> {
  const request = state.request!
  if (error instanceof BadRequestKeyError && (app.debug || app.config.TRAP_BAD_REQUEST_ERRORS))
    error.show_exception = true
  if (error instanceof HTTPException && !trapped(app, error)) {
    if (error instanceof RequestRedirect) return error
    const handler = findErrorHandler(app.error_handler_spec, error, request.blueprints)
    return handler ? call(state, handler, () => handler(error)) : error
  }
  const handler = findErrorHandler(app.error_handler_spec, error, request.blueprints)
  if (handler === undefined) throw error
  return call(state, handler, () => handler(error))
}

/** Errors re-raised on purpose (testing, debug): core's error handler must let them through. */
export const PROPAGATING = new WeakSet<object>()

async function handleException(app: Flask, state: FlaskState, error: unknown): Promise<Response> {
  const propagate = app.config.PROPAGATE_EXCEPTIONS ?? (app.testing || app.debug)
  if (propagate) {
    if (error !== null && typeof error === 'object') PROPAGATING.add(error)
    throw error
  }
  within(state, () => app.log_exception(error))
  const serverError = new InternalServerError(undefined, { original_exception: error })
  const handler = findErrorHandler(app.error_handler_spec, serverError, state.request?.blueprints ?? [])
  const rv = handler ? await call(state, handler, () => handler(serverError)) : serverError
  return finalize(app, state, rv, true)
}

async function finalize(
  app: Flask,
  state: FlaskState,
  rv: unknown,
  fromErrorHandler: boolean,
): Promise<Response> {
  let response = within(state, () => toResponse(rv, state.request?.endpoint ?? null))
  try {
    response = await processResponse(app, state, response)
  } catch (error) {
    if (!fromErrorHandler) throw error
    within(state, () => app.log_exception(error))
  }
  return response
}

async function processResponse(app: Flask, state: FlaskState, response: Response): Promise<Response> {
  for (const fn of state.afterThisRequest) {
    const current = response
    response = await call(state, fn, () => fn(current))
  }
  if (app.after_request_funcs.size > 0) {
    for (const name of [...(state.request?.blueprints ?? []), null]) {
      const fns = app.after_request_funcs.get(name)
      if (fns === undefined) continue
      for (let i = fns.length - 1; i >= 0; i--) {
        const fn = fns[i]!
        const current = response
        response = await call(state, fn, () => fn(current))
      }
    }
  }
  const session = state.session
  const iface = app.session_interface
  if (session !== undefined && !iface.is_null_session(session)) {
    const target = response as unknown as globalThis.Response
    const saved = await call(state, iface.save_session, () => iface.save_session(app, session, target))
    if (saved instanceof globalThis.Response) response = Response.fromWeb(saved)
  }
  return response
}

/**
 * Runs teardown_request (blueprints innermost first, then the app, each newest first) and
 * teardown_appcontext functions. Every one runs even if another fails; failures are reported, or
 * raised together (an AggregateError) when the app propagates errors.
 */
export async function teardown(app: Flask, state: FlaskState, error: unknown): Promise<void> {
  const failures: unknown[] = []
  const runAll = async (fns: readonly ((e: unknown) => unknown)[] | undefined) => {
    if (fns === undefined) return
    for (let i = fns.length - 1; i >= 0; i--) {
      const fn = fns[i]!
      try {
        await call(state, fn, () => fn(error))
      } catch (failure) {
        failures.push(failure)
      }
    }
  }
  if (state.request !== null) {
    for (const name of [...state.request.blueprints, null]) await runAll(app.teardown_request_funcs.get(name))
  }
  await runAll(app.teardown_appcontext_funcs)
  if (failures.length === 0) return
  if (app.config.PROPAGATE_EXCEPTIONS ?? (app.testing || app.debug)) {
    const aggregate = new AggregateError(failures, 'Errors during context teardown.')
    PROPAGATING.add(aggregate)
    throw aggregate
  }
  for (const failure of failures) within(state, () => app.log_exception(failure))
}
