import type { StandardSchemaV1 } from '@standard-schema/spec'
import { uploadFile } from './upload-file.js'

/** Where a parameter's value comes from, as FastAPI's `Path()`, `Query()`, ... declare it. */
export type ParamKind = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'form' | 'file'

/**
 * FastAPI's parameter options, with its own names.
 *
 * @example
 * Query(v.string(), { alias: 'item-query', description: 'Search text', deprecated: true })
 */
export interface ParamOptions {
  /** The name on the wire when it differs from the key in `params`. */
  alias?: string
  /** Used when the value is absent; not validated (as in FastAPI). */
  default?: unknown
  description?: string
  deprecated?: boolean
  examples?: unknown[]
  include_in_schema?: boolean
  title?: string
  /** A single body parameter keyed by its name instead of being the whole body. */
  embed?: boolean
  media_type?: string
  /** Header names: `user_agent` is read from `user-agent` (default true). */
  convert_underscores?: boolean
}

/**
 * One declared parameter: its source, its schema and its options.
 *
 * @example
 * const q = new Param('query', v.string(), { alias: 'q' })
 */
export class Param<S extends StandardSchemaV1 = StandardSchemaV1, K extends ParamKind = ParamKind> {
  constructor(
    readonly kind: K,
    readonly schema: S,
    readonly options: ParamOptions = {},
  ) {}
}

/** Whether a value is a declared `Param`. */
export function isParam(value: unknown): value is Param {
  return value instanceof Param
}

/**
 * A path parameter (`/items/{item_id}`).
 * @example
 * params: { item_id: Path(v.number(), { title: 'The ID of the item to get' }) }
 */
export function Path<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'path'> {
  return new Param('path', schema, options)
}
/**
 * A query parameter; an array schema reads every `?name=` occurrence.
 * @example
 * params: { q: Query(v.optional(v.pipe(v.string(), v.maxLength(50)))) }
 */
export function Query<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'query'> {
  return new Param('query', schema, options)
}
/**
 * A header; `user_agent` reads `User-Agent` unless `convert_underscores: false`.
 * @example
 * params: { user_agent: Header(v.optional(v.string())) }
 */
export function Header<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'header'> {
  return new Param('header', schema, options)
}
/**
 * A cookie.
 * @example
 * params: { ads_id: Cookie(v.optional(v.string())) }
 */
export function Cookie<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'cookie'> {
  return new Param('cookie', schema, options)
}
/**
 * A JSON body (or, with several body params or `embed`, one key of it).
 * @example
 * params: { item: Body(Item, { embed: true }) }
 */
export function Body<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'body'> {
  return new Param('body', schema, options)
}
/**
 * A field of a urlencoded or multipart form.
 * @example
 * params: { username: Form(v.string()), password: Form(v.string()) }
 */
export function Form<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'form'> {
  return new Param('form', schema, options)
}

/**
 * The type a `Depends` resolves to: the awaited return of a function, the first `yield` of a
 * generator, or what a security dependency's `call` resolves to.
 */
export type DependencyResult<D> =
  D extends SecurityDependency<infer T>
    ? T
    : D extends (...args: any[]) => AsyncGenerator<infer Y, any, any>
      ? Y
      : D extends (...args: any[]) => Generator<infer Y, any, any>
        ? Y
        : D extends (...args: any[]) => infer R
          ? Awaited<R>
          : never

/**
 * What FastAPI-style security utilities implement (`OAuth2PasswordBearer`, `HTTPBearer`, ...):
 * `Depends(x)` / `Security(x, { scopes })` resolve one by `await x.call(request, scopes)`.
 *
 * @example
 * const scheme: SecurityDependency<string> = { scheme_name: 'Key', model: { type: 'apiKey', in: 'header', name: 'x-key' }, call: async (req) => req.headers.get('x-key') ?? '' }
 */
export interface SecurityDependency<T = unknown> {
  readonly scheme_name: string
  /** The OpenAPI securityScheme object. */
  readonly model: Record<string, unknown>
  call(request: Request, scopes: string[]): Promise<T>
}

/** Whether a value implements `SecurityDependency`. */
export function isSecurityDependency(value: unknown): value is SecurityDependency {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SecurityDependency).call === 'function' &&
    typeof (value as SecurityDependency).scheme_name === 'string'
  )
}

/** A dependency target: a function (maybe made by `dependency(params, fn)`) or a security scheme. */
export type DependencyTarget = ((...args: any[]) => unknown) | SecurityDependency

/**
 * `Depends(x)` / `Security(x, { scopes })`: a value computed by `x` for each request.
 *
 * @example
 * const dep = new Dependency(get_db, true, [], false)
 */
export class Dependency<T = unknown, D extends DependencyTarget = DependencyTarget> {
  declare readonly __result?: T
  constructor(
    readonly dependency: D,
    readonly use_cache: boolean = true,
    readonly scopes: readonly string[] = [],
    readonly security: boolean = false,
  ) {}
}

/** Whether a value is a `Depends(...)` / `Security(...)` declaration. */
export function isDependency(value: unknown): value is Dependency {
  return value instanceof Dependency
}

/**
 * One route as the FastAPI layer declares it; carried by core routes as `meta.fastapi` and listed
 * by `app.routes`. The OpenAPI generator reads only this.
 */
export interface RouteDeclaration {
  /** FastAPI syntax with every router prefix applied, e.g. `/items/{item_id}`. */
  path: string
  methods: string[]
  params: Record<string, Param | Dependency>
  /** Every parameter of the route and of all its dependencies, flattened in FastAPI's order. */
  flatParams: Array<{ name: string; param: Param }>
  securities: Array<{ dep: SecurityDependency; scopes: string[] }>
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
  name: string
  /** The response class (`HTMLResponse`, ...), whose `media_type` names the success content. */
  response_class?: { readonly media_type?: string | undefined; readonly status_code?: number }
}

/**
 * An uploaded file field; `File()` is an `UploadFile`, `File(uploadFiles)` a list, `File(fileBytes)` bytes.
 * @example
 * params: { file: File(), token: Form(v.string()) }
 */
export function File(schema?: undefined, options?: ParamOptions): Param<typeof uploadFile, 'file'>
export function File<S extends StandardSchemaV1>(schema: S, options?: ParamOptions): Param<S, 'file'>
export function File<S extends StandardSchemaV1>(schema?: S, options?: ParamOptions): Param<S, 'file'> {
  return new Param('file', (schema ?? uploadFile) as S, options)
}
