import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context } from 'hono'
import type { BackgroundTasks } from '../background.js'
import type { Dependency, Param } from '../params/types.js'
import type { MutableResponse } from '../responses/mutable-response.js'
import type { SecurityScopes } from './depends.js'

/** One entry of a route's or dependency's `params`: a `Param`, a `Depends(...)` or a bare schema. */
export type ParamSpec = Param<any, any> | Dependency<any, any> | StandardSchemaV1

/** A route's or dependency's parameter declarations, keyed by the name the handler receives. */
export type ParamsSpec = Record<string, ParamSpec>

/** The value one declaration gives the handler. */
export type InferValue<X> =
  X extends Param<infer S, any>
    ? StandardSchemaV1.InferOutput<S>
    : X extends Dependency<infer T, any>
      ? T
      : X extends StandardSchemaV1
        ? StandardSchemaV1.InferOutput<X>
        : never

/** The handler's first argument, typed from its `params`. */
export type InferValues<P> = { -readonly [K in keyof P]: InferValue<P[K]> }

/**
 * The handler's second argument: the request, a mutable response whose status, headers and
 * cookies are merged into the result, the background tasks and the accumulated security scopes.
 */
export interface HandlerContext {
  readonly request: Request
  readonly response: MutableResponse
  readonly background_tasks: BackgroundTasks
  readonly security_scopes: SecurityScopes
  /** Core's (Hono's) context, for what the FastAPI names do not cover. */
  readonly c: Context
}
