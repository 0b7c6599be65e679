import { App } from '@bustapi/core'
import { createState, runWithState } from '../ctx.js'
import type { FlaskState } from '../internal/state.js'
import { teardown } from './dispatch.js'
import type { Flask } from './flask.js'
import { buildRequest } from './request-setup.js'
import { buildTestRequest, type RequestOptions } from './test-request.js'

/** Options of `test_request_context`: the request to pretend is being handled. */
export type TestRequestOptions = RequestOptions

// Stand-in for core's context when no request exists, so helpers that look for one find none.
const NO_REQUEST = { req: {}, env: undefined }

/** Runs `fn` in an app context; `teardown_appcontext` functions run after it. */
export async function appContext<T>(app: Flask, fn: () => T | Promise<T>): Promise<T> {
  const state = createState(app, null, NO_REQUEST)
  let error: unknown = null
  try {
    return await runWithState(state, fn)
  } catch (e) {
    error = e
    throw e
  } finally {
    await runWithState(state, () => teardown(app, state, error))
  }
}

/**
 * Runs `fn` in a request context for a request built from `path` and `options`: the URL is
 * matched (so `request.endpoint` and `url_for('.x')` work), the body read and the session opened.
 */
export async function testRequestContext<T>(
  app: Flask,
  path: string,
  options: TestRequestOptions,
  fn: () => T | Promise<T>,
): Promise<T> {
  const raw = buildTestRequest(path, options)
  let result: { value: T } | undefined
  // a throwaway core app gives the body readers a real context to read from
  const probe = new App()
  probe.onError((error) => {
    throw error
  })
  probe.all('*', async (c) => {
    const request = await buildRequest(app, c)
    const match = app.url_map.match(c.req.path, request.method)
    if ('rule' in match) {
      request.url_rule = match.rule
      request.view_args = match.view_args
    } else request.routing_exception = match
    const state: FlaskState = createState(app, request, c)
    await runWithState(state, async () => {
      const iface = app.session_interface
      state.session = app.secret_key
        ? ((await iface.open_session(app, raw)) ?? iface.make_null_session(app))
        : iface.make_null_session(app)
      let error: unknown = null
      try {
        result = { value: await fn() }
      } catch (e) {
        error = e
        throw e
      } finally {
        await teardown(app, state, error)
      }
    })
    return new Response(null, { status: 204 })
  })
  await probe.fetch(raw, { remote_addr: '127.0.0.1' })
  return result!.value
}
