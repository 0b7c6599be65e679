import type { Context } from 'hono'
import { BackgroundTasks } from '../background.js'
import { SecurityScopes } from '../dependencies/depends.js'
import type { HandlerContext } from '../dependencies/handler-types.js'
import { RequestValidationError } from '../exceptions.js'
import { type FormBody, type JsonBody, readFormBody, readJsonBody } from '../internal/body.js'
import { type DependencyTarget, isDependency, type RouteDeclaration } from '../params/types.js'
import { FileResponse } from '../responses/file-response.js'
import { MutableResponse } from '../responses/mutable-response.js'
import type { ResponseClass } from '../responses/responses.js'
import { type ResponsePlan, toResponse } from '../responses/serialize.js'
import { analyse, type Dependant, dependantOf, flatten } from './analyse.js'
import { chain, type MaybePromise } from './maybe-promise.js'
import { toHonoPath } from './path.js'
import type { RouteRecord } from './route-options.js'
import { exitDependencies, type SolveState, solve } from './solve.js'

type Resolved = { target: DependencyTarget; dependant: Dependant | undefined }
type Produced = { response: Response; background?: BackgroundTasks | undefined }
const NO_SCOPE_NAMES: readonly string[] = []

/** What a compiled route needs from its app at request time. */
export interface RouteServices {
  readonly dependency_overrides: Map<DependencyTarget, DependencyTarget>
  /** Only JSON content types are parsed as JSON (FastAPI's `strict_content_type`). */
  readonly strict_content_type: boolean
  /** The app's `default_response_class`, for routes that name none. */
  readonly default_response_class?: ResponseClass | undefined
  /** Runs `work` once the response has been sent (tracked with waitUntil when there is one). */
  afterResponse(c: Context, response: Response, work: () => Promise<void>): Response
}

/**
 * Compiles a route once: its parameters and dependency tree into a `Dependant`, its body mode and
 * response plan; returns the core handler and the declaration the OpenAPI generator reads.
 */
export function compileRoute(
  record: RouteRecord,
  services: RouteServices,
): { pattern: string; declaration: RouteDeclaration; handler: (c: Context) => MaybePromise<Response> } {
  const { pattern, names } = toHonoPath(record.path)
  const pathNames = new Set(names)
  const o = record.options
  const root = analyse(o.params ?? {}, pathNames, [...record.dependencies, ...(o.dependencies ?? [])])
  const dependants = new Map<DependencyTarget, Dependant>()
  const flat = flatten(root, (t) => dependantOf(t, pathNames, dependants))
  const bodyFields = flat.fields.filter((f) => f.kind === 'body')
  const formFields = flat.fields.filter((f) => f.kind === 'form' || f.kind === 'file')
  const wholeBody = bodyFields.length === 1 && bodyFields[0]!.param.options.embed !== true
  const plan: ResponsePlan = {
    response_model: o.response_model,
    status_code: o.status_code,
    response_class: o.response_class ?? services.default_response_class,
    exclude_unset: o.response_model_exclude_unset === true,
    exclude_none: o.response_model_exclude_none === true,
    exclude_defaults: o.response_model_exclude_defaults === true,
    include: o.response_model_include ? new Set(o.response_model_include) : undefined,
    exclude: o.response_model_exclude ? new Set(o.response_model_exclude) : undefined,
  }
  // Without overrides (the production case) a dependency resolves to the same answer every time.
  const resolved = new Map<DependencyTarget, Resolved>()
  const resolve = (target: DependencyTarget): Resolved => {
    if (services.dependency_overrides.size > 0) {
      const real = services.dependency_overrides.get(target) ?? target
      return { target: real, dependant: dependantOf(real, pathNames, dependants) }
    }
    let r = resolved.get(target)
    if (r === undefined)
      resolved.set(target, (r = { target, dependant: dependantOf(target, pathNames, dependants) }))
    return r
  }
  const handler = record.handler
  const noScopes = new SecurityScopes()
  const needsJson = bodyFields.length > 0
  const needsForm = formFields.length > 0

  /** Validation errors, then the handler, then the response model and class. */
  const respond = (s: SolveState, values: Record<string, unknown>): MaybePromise<Produced> => {
    if (s.errors.length > 0) {
      const json = s.json
      throw new RequestValidationError(s.errors, { body: json && 'value' in json ? json.value : undefined })
    }
    const ctx: HandlerContext = {
      request: s.c.req.raw,
      response: s.response,
      background_tasks: s.background_tasks,
      security_scopes: noScopes,
      c: s.c,
    }
    return chain(handler(values, ctx), (result) => toResponse(plan, result, s.response))
  }

  // Function-scoped generators close first, then request-scoped ones, each seeing the error.
  const fail = (s: SolveState, error: unknown): Promise<never> | never => {
    if (s.exits.length + s.function_exits.length === 0) throw error
    return exitDependencies([...s.exits, ...s.function_exits], error).then(() => {
      throw error
    })
  }

  const finish = (c: Context, s: SolveState, out: Produced): MaybePromise<Response> => {
    // A file answers Range/If-Range from the request (Starlette's FileResponse reads the scope).
    if (out.response instanceof FileResponse) out = { ...out, response: out.response.forRequest(c.req.raw) }
    if (s.function_exits.length === 0) return afterwards(c, s, out)
    return exitDependencies(s.function_exits).then(
      () => afterwards(c, s, out),
      async (error) => {
        if (s.exits.length > 0) await exitDependencies(s.exits, error)
        throw error
      },
    )
  }

  // Only a request with background tasks or request-scoped cleanup has work after the response;
  // every other answer goes out as built, so the Node adapter's fast path for buffered bodies holds.
  const afterwards = (c: Context, s: SolveState, out: Produced): Response => {
    const own = s.background_tasks.tasks.length > 0
    const extra = out.background
    if (!own && extra === undefined && s.exits.length === 0) return out.response
    const exits = s.exits
    return services.afterResponse(c, out.response, async () => {
      try {
        if (own) await s.background_tasks.run()
        if (extra) await extra.run()
      } finally {
        if (exits.length > 0) await exitDependencies(exits)
      }
    })
  }

  const run = (
    c: Context,
    json: JsonBody | undefined,
    form: FormBody | undefined,
  ): MaybePromise<Response> => {
    const s: SolveState = {
      c,
      query: undefined,
      json,
      form,
      wholeBody,
      response: new MutableResponse(),
      background_tasks: new BackgroundTasks(),
      cache: undefined,
      exits: [],
      function_exits: [],
      errors: [],
      resolve,
    }
    let out: MaybePromise<Produced>
    try {
      const values = solve(root, s, NO_SCOPE_NAMES)
      out = values instanceof Promise ? values.then((v) => respond(s, v)) : respond(s, values)
    } catch (error) {
      return fail(s, error)
    }
    if (out instanceof Promise)
      return out.then(
        (o) => finish(c, s, o),
        (error) => fail(s, error),
      )
    return finish(c, s, out)
  }

  const readBody = async (c: Context): Promise<Response> => {
    const json = needsJson ? await readJsonBody(c, services.strict_content_type) : undefined
    if (json !== undefined && 'error' in json)
      throw new RequestValidationError([json.error], { body: json.raw })
    return run(c, json, needsForm ? await readFormBody(c) : undefined)
  }

  // A route without body parameters answers synchronously when its steps all are.
  const endpoint = needsJson || needsForm ? readBody : (c: Context) => run(c, undefined, undefined)

  const declaration: RouteDeclaration = {
    path: record.path,
    methods: record.methods,
    params: Object.fromEntries(
      Object.entries(o.params ?? {}).map(([key, spec]) => [
        key,
        isDependency(spec)
          ? spec
          : (root.fields.find((f) => f.name === key)?.param ?? root.deps.find((d) => d.name === key)!.dep),
      ]),
    ),
    flatParams: flat.flatParams,
    securities: flat.securities,
    name: o.name ?? (handler.name || `${record.methods.join('_').toLowerCase()}${record.path}`),
    tags: record.tags,
    responses: record.responses,
  }
  const copy = [
    'response_model',
    'status_code',
    'summary',
    'description',
    'response_description',
    'deprecated',
    'operation_id',
    'include_in_schema',
    'response_class',
  ] as const
  for (const key of copy)
    if (o[key] !== undefined) (declaration as unknown as Record<string, unknown>)[key] = o[key]
  if (plan.response_class !== undefined) declaration.response_class = plan.response_class
  return { pattern, declaration, handler: endpoint }
}
