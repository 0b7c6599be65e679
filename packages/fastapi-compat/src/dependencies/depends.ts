import { Dependency, type DependencyResult, type DependencyTarget } from '../params/types.js'
import type { HandlerContext, InferValues, ParamsSpec } from './handler-types.js'

/** The symbol under which `dependency(params, fn)` keeps a function's own parameters. */
export const DEPENDENCY_PARAMS: unique symbol = Symbol.for('bustapi.fastapi.dependency-params')

/** When a generator dependency's code after `yield` runs: after the handler, or after the response. */
export type DependencyScope = 'function' | 'request'

/**
 * A `Depends(...)` with FastAPI's `scope`: `'function'` closes a generator dependency when the
 * handler returns (before the response is sent), `'request'` (the default) after the response.
 *
 * @example
 * const session = Depends(get_session, { scope: 'function' })
 */
export class ScopedDependency<T = unknown, D extends DependencyTarget = DependencyTarget> extends Dependency<
  T,
  D
> {
  constructor(
    dependency: D,
    use_cache: boolean,
    scopes: readonly string[],
    security: boolean,
    readonly scope: DependencyScope | undefined,
  ) {
    super(dependency, use_cache, scopes, security)
  }
}

/** The scope a `Depends(...)` declared, if any. */
export function scopeOf(dep: Dependency): DependencyScope | undefined {
  return dep instanceof ScopedDependency ? dep.scope : undefined
}

/** A function carrying its own parameter declarations, made by `dependency(params, fn)`. */
export type DependencyFunction<P extends ParamsSpec, R> = ((
  values: InferValues<P>,
  ctx: HandlerContext,
) => R) & {
  readonly [DEPENDENCY_PARAMS]: P
}

/**
 * Gives a dependency its own parameters (FastAPI reads them from the function signature):
 * `fn` receives the validated values and the request context.
 *
 * @example
 * const common = dependency({ q: Query(v.optional(v.string())), skip: Query(v.optional(v.number(), 0)) }, (p) => p)
 * app.get('/items/', { params: { commons: Depends(common) } }, ({ commons }) => commons)
 */
export function dependency<const P extends ParamsSpec, R>(
  params: P,
  fn: (values: InferValues<P>, ctx: HandlerContext) => R,
): DependencyFunction<P, R>
export function dependency<const P extends ParamsSpec, R>(
  params: P,
  cls: new (values: InferValues<P>, ctx: HandlerContext) => R,
): DependencyFunction<P, R>
export function dependency<const P extends ParamsSpec, R>(
  params: P,
  fn:
    | ((values: InferValues<P>, ctx: HandlerContext) => R)
    | (new (
        values: InferValues<P>,
        ctx: HandlerContext,
      ) => R),
): DependencyFunction<P, R> {
  const call = toCallable(fn as DependencyTarget) as (values: InferValues<P>, ctx: HandlerContext) => R
  const wrapped = ((values: InferValues<P>, ctx: HandlerContext) => call(values, ctx)) as DependencyFunction<
    P,
    R
  >
  Object.defineProperty(wrapped, DEPENDENCY_PARAMS, { value: params })
  Object.defineProperty(wrapped, 'name', { value: fn.name })
  if (isGeneratorFunction(fn)) Object.defineProperty(wrapped, GENERATOR, { value: true })
  return wrapped
}

const GENERATOR: unique symbol = Symbol.for('bustapi.fastapi.generator-dependency')

/** Whether a dependency is a generator function (its code after `yield` is cleanup). */
export function isGeneratorFunction(fn: unknown): boolean {
  if (typeof fn !== 'function') return false
  if ((fn as { [GENERATOR]?: boolean })[GENERATOR] === true) return true
  const kind = fn.constructor?.name
  return kind === 'AsyncGeneratorFunction' || kind === 'GeneratorFunction'
}

/** Whether a function is a class (FastAPI calls a class dependency to build an instance). */
function isClass(fn: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn))
}

/**
 * How a dependency target is called per request, decided once at registration: a class is
 * constructed with `new`, a function called.
 */
export function toCallable(target: DependencyTarget): (values: unknown, ctx: HandlerContext) => unknown {
  if (typeof target === 'function' && isClass(target)) {
    const Cls = target as unknown as new (values: unknown, ctx: HandlerContext) => unknown
    return (values, ctx) => new Cls(values, ctx)
  }
  return target as (values: unknown, ctx: HandlerContext) => unknown
}

/** The parameters a dependency function declared with `dependency(params, fn)`, if any. */
export function paramsOf(fn: DependencyTarget): ParamsSpec {
  return (fn as { [DEPENDENCY_PARAMS]?: ParamsSpec })[DEPENDENCY_PARAMS] ?? {}
}

/**
 * Declares a value computed per request by `dep` (a function, a `dependency(...)`, an async
 * generator whose code after `yield` is cleanup, or a security scheme), cached per request.
 *
 * @example
 * async function* get_db() { const db = open(); try { yield db } finally { db.close() } }
 * app.get('/items/', { params: { db: Depends(get_db) } }, ({ db }) => db.items())
 */
export function Depends<D extends DependencyTarget | ClassDependency>(
  dep: D,
  options: { use_cache?: boolean; scope?: DependencyScope } = {},
): Dependency<DependsValue<D>, D & DependencyTarget> {
  const target = dep as D & DependencyTarget
  if (options.scope !== undefined)
    return new ScopedDependency(target, options.use_cache ?? true, [], false, options.scope)
  return new Dependency(target, options.use_cache ?? true, [], false)
}

/** A class used as a dependency: FastAPI calls it, so each request gets a new instance. */
export type ClassDependency = abstract new (...args: any[]) => unknown

/** What `Depends(dep)` gives the handler: an instance for a class, else the dependency's result. */
export type DependsValue<D> = D extends abstract new (...args: any[]) => infer I ? I : DependencyResult<D>

/**
 * Like `Depends`, declaring the OAuth2 scopes the dependency requires; they accumulate down the
 * tree into `SecurityScopes`.
 *
 * @example
 * params: { user: Security(get_current_user, { scopes: ['items'] }) }
 */
export function Security<D extends DependencyTarget | ClassDependency>(
  dep: D,
  options: { scopes?: string[]; use_cache?: boolean; scope?: DependencyScope } = {},
): Dependency<DependsValue<D>, D & DependencyTarget> {
  const target = dep as D & DependencyTarget
  return new ScopedDependency(target, options.use_cache ?? true, options.scopes ?? [], true, options.scope)
}

/**
 * The scopes required by every `Security` above a dependency, as FastAPI's `SecurityScopes`;
 * a dependency receives it as `ctx.security_scopes`.
 *
 * @example
 * const user = dependency({ token: Depends(oauth2) }, ({ token }, { security_scopes }) => check(token, security_scopes.scopes))
 */
export class SecurityScopes {
  readonly scopes: string[]
  constructor(scopes: readonly string[] = []) {
    this.scopes = [...scopes]
  }
  /** The scopes space-separated, as in a `WWW-Authenticate` header. */
  get scope_str(): string {
    return this.scopes.join(' ')
  }
}
