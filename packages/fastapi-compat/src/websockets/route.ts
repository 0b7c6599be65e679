import type { WebSocketConnection } from '@bustapi/core'
import { isHTTPException, WebSocketDisconnect } from '@bustapi/core'
import type { Context } from 'hono'
import { BackgroundTasks } from '../background.js'
import { SecurityScopes } from '../dependencies/depends.js'
import type { HandlerContext, InferValues, ParamsSpec } from '../dependencies/handler-types.js'
import { FastAPIError } from '../exceptions.js'
import type { Dependency, DependencyTarget } from '../params/types.js'
import { MutableResponse } from '../responses/mutable-response.js'
import { analyse, type Dependant, dependantOf, flatten } from '../routing/analyse.js'
import { joinPath, toHonoPath } from '../routing/path.js'
import { exitDependencies, type SolveState, solve } from '../routing/solve.js'
import { bindWebSocket } from './current.js'
import { WebSocketException, WebSocketRequestValidationError } from './exceptions.js'
import { sinkOf } from './test-sink.js'
import { WebSocket } from './websocket.js'

/**
 * The keywords of `app.websocket(path, options, endpoint)`: parameters as HTTP routes declare
 * them (Path, Query, Header, Cookie, Depends; no body), extra dependencies and the route's name.
 *
 * @example
 * app.websocket('/items/{item_id}/ws', { params: { item_id: v.string(), q: Query(v.optional(v.number())) } }, endpoint)
 */
export interface WebSocketRouteOptions<P extends ParamsSpec = ParamsSpec> {
  params?: P
  dependencies?: Dependency<any, any>[]
  name?: string
}

/** A WebSocket endpoint: the connection first, then the validated parameters and the context. */
export type WebSocketEndpoint<P extends ParamsSpec = ParamsSpec> = (
  websocket: WebSocket,
  values: InferValues<P>,
  ctx: HandlerContext,
) => unknown

/** A WebSocket route as a router keeps it until an app compiles it. */
export interface WebSocketRecord {
  path: string
  options: WebSocketRouteOptions<any>
  endpoint: WebSocketEndpoint<any>
  /** App and router dependencies, outermost first, before the route's own. */
  dependencies: Dependency<any, any>[]
}

/** A handler registered with `app.exception_handler`, called with the WebSocket for these routes. */
export type WebSocketExceptionHandler<E = any> = (websocket: WebSocket, exc: E) => unknown

/** What a compiled WebSocket route needs from its app. */
export interface WebSocketServices {
  readonly dependency_overrides: Map<DependencyTarget, DependencyTarget>
  /** The app's handler for an error's class, if one was registered. */
  exceptionHandlerFor?(error: unknown): ((conn: never, exc: never) => unknown) | undefined
}

/**
 * Reads `websocket(path, options?, endpoint)`'s arguments into a record.
 * @example
 * websocketRecord('/ws', endpoint, undefined, app.dependencies)
 */
export function websocketRecord(
  path: string,
  a: unknown,
  b: unknown,
  dependencies: readonly Dependency<any, any>[],
): WebSocketRecord {
  const endpoint = (typeof a === 'function' ? a : b) as WebSocketEndpoint<any>
  const options = (typeof a === 'function' ? {} : (a ?? {})) as WebSocketRouteOptions<any>
  if (typeof endpoint !== 'function')
    throw new TypeError(`The WebSocket route ${path} needs an endpoint function.`)
  return { path, options, endpoint, dependencies: [...dependencies] }
}

/**
 * A router's WebSocket routes as seen through `include_router(router, { prefix, dependencies })`.
 * @example
 * for (const r of includedWebSocketRecords(router.websocket_records, options)) app.addWebSocket(r)
 */
export function includedWebSocketRecords(
  records: readonly WebSocketRecord[],
  options: { prefix?: string; dependencies?: Dependency<any, any>[] },
): WebSocketRecord[] {
  return records.map((r) => ({
    ...r,
    path: joinPath(options.prefix ?? '', r.path),
    dependencies: [...(options.dependencies ?? []), ...r.dependencies],
  }))
}

/**
 * Compiles a WebSocket route once (its parameters and dependency tree, as an HTTP route's) into a
 * core WebSocket handler. Per connection: solve, close with 1008 on validation errors, run the
 * endpoint, then close the dependencies with `yield` (with the endpoint's error, if any).
 *
 * @example
 * const { pattern, name, handler } = compileWebSocketRoute(record, app)
 * app.core.websocket(pattern, handler, { name })
 */
export function compileWebSocketRoute(
  record: WebSocketRecord,
  services: WebSocketServices,
): { pattern: string; name: string; handler: (conn: WebSocketConnection, c: Context) => Promise<void> } {
  const { pattern, names } = toHonoPath(record.path)
  const pathNames = new Set(names)
  const o = record.options
  const root = analyse(o.params ?? {}, pathNames, [...record.dependencies, ...(o.dependencies ?? [])])
  const dependants = new Map<DependencyTarget, Dependant>()
  const flat = flatten(root, (t) => dependantOf(t, pathNames, dependants))
  const bodyField = flat.fields.find((f) => f.kind === 'body' || f.kind === 'form' || f.kind === 'file')
  if (bodyField !== undefined) {
    throw new Error(
      `WebSocket route ${record.path} declares "${bodyField.name}" as a ${bodyField.kind} parameter; a handshake has no body: receive it as a message instead.`,
    )
  }
  const resolve = (target: DependencyTarget) => {
    const real = services.dependency_overrides.get(target) ?? target
    return { target: real, dependant: dependantOf(real, pathNames, dependants) }
  }
  const endpoint = record.endpoint
  const name = o.name ?? (endpoint.name || `websocket${record.path}`)

  const handler = async (conn: WebSocketConnection, c: Context): Promise<void> => {
    const sink = sinkOf(c)
    sink?.matched()
    const websocket = new WebSocket(conn, c, sink)
    bindWebSocket(c, websocket)
    const s: SolveState = {
      c,
      query: undefined,
      json: undefined,
      form: undefined,
      wholeBody: false,
      response: new MutableResponse(),
      background_tasks: new BackgroundTasks(),
      cache: undefined,
      exits: [],
      function_exits: [],
      errors: [],
      resolve,
    }
    let error: unknown
    try {
      const values = await solve(root, s, [])
      if (s.errors.length > 0) throw new WebSocketRequestValidationError(s.errors)
      const ctx: HandlerContext = {
        request: c.req.raw,
        response: s.response,
        background_tasks: s.background_tasks,
        security_scopes: new SecurityScopes(),
        c,
      }
      await endpoint(websocket, values, ctx)
      await s.background_tasks.run()
    } catch (thrown) {
      error = thrown
    }
    // As FastAPI's exit stack: the dependencies' cleanup runs once the endpoint is done, and sees its error.
    const exits = [...s.exits, ...s.function_exits]
    if (exits.length > 0) {
      try {
        await exitDependencies(exits, error)
      } catch (thrown) {
        error = error !== undefined && thrown instanceof FastAPIError ? undefined : thrown
      }
    }
    try {
      if (error !== undefined) await handleError(websocket, error, services)
      sink?.finished(error instanceof WebSocketDisconnect ? error : undefined)
    } catch (unhandled) {
      // An HTTPException before accept() is answered over HTTP (a denial), not a failure.
      sink?.finished(isHTTPException(unhandled) ? undefined : unhandled)
      throw unhandled
    }
  }
  return { pattern, name, handler }
}

/** Starlette's exception middleware for WebSockets: the app's handler, else the defaults. */
async function handleError(websocket: WebSocket, error: unknown, services: WebSocketServices): Promise<void> {
  const own = services.exceptionHandlerFor?.(error) as WebSocketExceptionHandler | undefined
  if (own !== undefined) {
    const result = await own(websocket, error)
    // An HTTP-style handler answered with a Response: let core refuse the handshake with it.
    if (result instanceof Response && websocket.application_state === 0) throw error
    return
  }
  if (error instanceof WebSocketException) {
    await closeIfOpen(websocket, error.code, error.reason)
    return
  }
  if (error instanceof WebSocketRequestValidationError) {
    await closeIfOpen(websocket, 1008, JSON.stringify(error.errors()))
    return
  }
  // The client left: not an error of the app (core closes nothing more).
  if (error instanceof WebSocketDisconnect) return
  throw error
}

async function closeIfOpen(websocket: WebSocket, code: number, reason: string): Promise<void> {
  if (websocket.application_state === 2) return
  await websocket.close({ code, reason })
}
