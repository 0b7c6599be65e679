import type { Context } from 'hono'
import { BackgroundTasks } from '../background.js'
import { SecurityScopes } from '../dependencies/depends.js'
import type { HandlerContext } from '../dependencies/handler-types.js'
import { RequestValidationError } from '../exceptions.js'
import { readFormBody, readJsonBody } from '../internal/body.js'
import { type DependencyTarget, isDependency, type RouteDeclaration } from '../params/types.js'
import { MutableResponse } from '../responses/mutable-response.js'
import type { ResponseClass } from '../responses/responses.js'
import { type ResponsePlan, toResponse } from '../responses/serialize.js'
import { analyse, type Dependant, dependantOf, flatten } from './analyse.js'
import { toHonoPath } from './path.js'
import type { RouteRecord } from './route-options.js'
import { exitDependencies, type SolveState, solve } from './solve.js'

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
): { pattern: string; declaration: RouteDeclaration; handler: (c: Context) => Promise<Response> } {
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
  const resolve = (target: DependencyTarget) => {
    const real =
      services.dependency_overrides.size > 0 ? (services.dependency_overrides.get(target) ?? target) : target
    return { target: real, dependant: dependantOf(real, pathNames, dependants) }
  }
  const handler = record.handler
  const noScopes = new SecurityScopes()

  const endpoint = async (c: Context): Promise<Response> => {
    const json = bodyFields.length > 0 ? await readJsonBody(c, services.strict_content_type) : undefined
    if (json !== undefined && 'error' in json)
      throw new RequestValidationError([json.error], { body: json.raw })
    const s: SolveState = {
      c,
      url: new URL(c.req.url),
      json,
      form: formFields.length > 0 ? await readFormBody(c) : undefined,
      wholeBody,
      response: new MutableResponse(),
      background_tasks: new BackgroundTasks(),
      cache: new Map(),
      exits: [],
      function_exits: [],
      errors: [],
      resolve,
    }
    let response: Response
    let extra: BackgroundTasks | undefined
    try {
      const values = await solve(root, s, [])
      if (s.errors.length > 0) {
        throw new RequestValidationError(s.errors, { body: json && 'value' in json ? json.value : undefined })
      }
      const ctx: HandlerContext = {
        request: c.req.raw,
        response: s.response,
        background_tasks: s.background_tasks,
        security_scopes: noScopes,
        c,
      }
      let result = handler(values, ctx)
      if (result instanceof Promise) result = await result
      const out = await toResponse(plan, result, s.response)
      response = out.response
      extra = out.background
    } catch (error) {
      // Function-scoped generators close first, then request-scoped ones, each seeing the error.
      if (s.exits.length + s.function_exits.length > 0)
        await exitDependencies([...s.exits, ...s.function_exits], error)
      throw error
    }
    if (s.function_exits.length > 0) {
      try {
        await exitDependencies(s.function_exits)
      } catch (error) {
        if (s.exits.length > 0) await exitDependencies(s.exits, error)
        throw error
      }
    }
    const own = s.background_tasks.tasks.length > 0
    if (!own && extra === undefined && s.exits.length === 0) return response
    const exits = s.exits
    return services.afterResponse(c, response, async () => {
      try {
        if (own) await s.background_tasks.run()
        if (extra) await extra.run()
      } finally {
        if (exits.length > 0) await exitDependencies(exits)
      }
    })
  }

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
