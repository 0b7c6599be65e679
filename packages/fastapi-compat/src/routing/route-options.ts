import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { HandlerContext, InferValues, ParamsSpec } from '../dependencies/handler-types.js'
import type { Dependency } from '../params/types.js'
import type { ResponseClass } from '../responses/responses.js'

/**
 * FastAPI's path-operation keywords.
 *
 * @example
 * app.post('/items/', { params: { item: Item }, response_model: Item, status_code: 201, tags: ['items'] }, ({ item }) => item)
 */
export interface RouteOptions<P extends ParamsSpec = ParamsSpec> {
  params?: P
  response_model?: StandardSchemaV1
  status_code?: number
  tags?: string[]
  summary?: string
  description?: string
  response_description?: string
  responses?: Record<string | number, Record<string, unknown>>
  deprecated?: boolean
  operation_id?: string
  include_in_schema?: boolean
  response_class?: ResponseClass
  dependencies?: Dependency<any, any>[]
  name?: string
  response_model_exclude_unset?: boolean
  response_model_exclude_none?: boolean
  /** Leave out fields whose value equals the model's default. */
  response_model_exclude_defaults?: boolean
  /** Keep only these top-level fields of the response model. */
  response_model_include?: Iterable<string>
  /** Leave out these top-level fields of the response model. */
  response_model_exclude?: Iterable<string>
}

/** A path operation function: validated values first, the request context second. */
export type RouteHandler<P extends ParamsSpec = ParamsSpec> = (
  values: InferValues<P>,
  ctx: HandlerContext,
) => unknown

/** A route as a router keeps it until an app compiles it. */
export interface RouteRecord {
  path: string
  methods: string[]
  options: RouteOptions<any>
  handler: RouteHandler<any>
  /** Router and app dependencies, outermost first, before the route's own. */
  dependencies: Dependency<any, any>[]
  tags: string[]
  responses: Record<string | number, Record<string, unknown>>
}
