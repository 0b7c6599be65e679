import type { StandardSchemaV1 } from '@standard-schema/spec'
import { isGeneratorFunction, paramsOf, scopeOf, toCallable } from '../dependencies/depends.js'
import type { HandlerContext, ParamsSpec } from '../dependencies/handler-types.js'
import { modelDependency } from '../params/param-model.js'
import {
  type Dependency,
  Dependency as DependencyClass,
  type DependencyTarget,
  isDependency,
  isParam,
  isSecurityDependency,
  Param,
  type ParamKind,
  type SecurityDependency,
} from '../params/types.js'
import { objectEntries } from '../schema/entries.js'
import { type Shape, shapeOf } from '../schema/shape.js'

/** One parameter, analysed: where to read it, under which wire name, and how to coerce it. */
export interface Field {
  readonly name: string
  readonly wire: string
  readonly kind: ParamKind
  readonly param: Param
  readonly schema: StandardSchemaV1
  readonly shape: Shape
  readonly hasDefault: boolean
  readonly default: unknown
}

/** A function with its parameters and sub-dependencies, analysed once. */
export interface Dependant {
  /** Own parameters, in FastAPI's solving order: path, query, header, cookie, then body/form/file. */
  readonly fields: readonly Field[]
  /** Sub-dependencies in declaration order; unnamed ones (`dependencies: [...]`) first. */
  readonly deps: ReadonlyArray<{ readonly name: string | undefined; readonly dep: Dependency }>
  /** How the dependency is called (a class is constructed); absent for the route itself. */
  readonly call?: (values: unknown, ctx: HandlerContext) => unknown
}

const ORDER: Record<ParamKind, number> = {
  path: 0,
  query: 1,
  header: 2,
  cookie: 3,
  body: 4,
  form: 4,
  file: 4,
}

/** Applies FastAPI's rule to a bare schema: a path name is a path param, an object the body, else query. */
function toParam(name: string, spec: Param | StandardSchemaV1, pathNames: ReadonlySet<string>): Param {
  if (isParam(spec)) return spec
  if (pathNames.has(name)) return new Param('path', spec)
  // Models and lists of models (`list[Image]`) are bodies; scalars and lists of scalars are queries.
  return new Param(shapeOf(spec).scalar === 'object' ? 'body' : 'query', spec)
}

const MODEL_KINDS = new Set<ParamKind>(['query', 'header', 'cookie', 'form'])
const models = new WeakMap<Param, Dependency>()

/**
 * FastAPI's parameter models (`Query(FilterParams)`, `Header(CommonHeaders)`...): an object schema
 * in a query, header, cookie or form declaration stands for one parameter per field. It becomes a
 * dependency with those parameters, so they are solved, reported (`loc: ['query', 'limit']`) and
 * documented one by one, and the handler receives the object.
 */
function parameterModel(param: Param): Dependency | undefined {
  if (!MODEL_KINDS.has(param.kind)) return undefined
  const shape = shapeOf(param.schema)
  if (shape.scalar !== 'object' || shape.array) return undefined
  let dep = models.get(param)
  if (dep === undefined) {
    const entries = objectEntries(param.schema)
    if (entries === undefined) return undefined
    const inner = param.options.convert_underscores === false ? { convert_underscores: false } : {}
    const params = Object.fromEntries(
      Object.entries(entries).map(([key, schema]) => [key, new Param(param.kind, schema, inner)]),
    )
    dep = new DependencyClass(modelDependency(param, params))
    models.set(param, dep)
  }
  return dep
}

function wireName(name: string, param: Param): string {
  if (param.options.alias !== undefined) return param.options.alias
  if (param.kind === 'header' && param.options.convert_underscores !== false) return name.replaceAll('_', '-')
  return name
}

/**
 * Analyses a parameter declaration into a `Dependant` (FastAPI's `get_dependant`), checking the
 * declaration as it goes so mistakes fail at registration.
 *
 * @example
 * analyse({ item_id: v.number(), q: v.optional(v.string()) }, new Set(['item_id']))
 */
export function analyse(
  params: ParamsSpec,
  pathNames: ReadonlySet<string>,
  extraDeps: readonly Dependency[] = [],
): Dependant {
  const fields: Field[] = []
  const deps: Array<{ name: string | undefined; dep: Dependency }> = extraDeps.map((dep) => ({
    name: undefined,
    dep,
  }))
  for (const [name, spec] of Object.entries(params)) {
    if (isDependency(spec)) {
      deps.push({ name, dep: spec })
      continue
    }
    if (spec === null || typeof spec !== 'object' || !('~standard' in spec || isParam(spec))) {
      throw new TypeError(
        `Parameter "${name}" is neither a schema, a Param (Query(...), Body(...)...) nor Depends(...); declare it as one of those.`,
      )
    }
    const param = toParam(name, spec as Param | StandardSchemaV1, pathNames)
    const model = parameterModel(param)
    if (model) {
      deps.push({ name, dep: model })
      continue
    }
    if (param.kind === 'path' && !pathNames.has(name) && !pathNames.has(param.options.alias ?? '')) {
      throw new Error(
        `Path parameter "${name}" is not in the route path; add {${name}} to the path or use Query(...).`,
      )
    }
    const hasDefault = Object.hasOwn(param.options, 'default')
    fields.push({
      name,
      wire: wireName(name, param),
      kind: param.kind,
      param,
      schema: param.schema,
      shape: shapeOf(param.schema),
      hasDefault,
      default: param.options.default,
    })
  }
  fields.sort((a, b) => ORDER[a.kind] - ORDER[b.kind])
  return { fields, deps }
}

/**
 * Every parameter of a dependant and of its dependencies (FastAPI's flat dependant), each security
 * scheme with the scopes accumulated down to it.
 */
export function flatten(
  root: Dependant,
  resolve: (target: DependencyTarget) => Dependant | undefined,
): {
  flatParams: Array<{ name: string; param: Param }>
  fields: Field[]
  securities: Array<{ dep: SecurityDependency; scopes: string[] }>
} {
  const flatParams: Array<{ name: string; param: Param }> = []
  const fields: Field[] = []
  const securities: Array<{ dep: SecurityDependency; scopes: string[] }> = []
  const seen = new Set<string>()
  const visit = (d: Dependant, scopes: string[], owner?: { target: DependencyTarget; scope?: string }) => {
    for (const f of d.fields) {
      const key = `${f.kind}:${f.wire}`
      if (seen.has(key)) continue
      seen.add(key)
      flatParams.push({ name: f.name, param: f.param })
      fields.push(f)
    }
    for (const { dep } of d.deps) {
      const inner = dep.security ? addScopes(scopes, dep.scopes) : scopes
      if (owner?.scope === 'request' && scopeOf(dep) === 'function') {
        const name = (owner.target as { name?: string }).name || '<unnamed_callable>'
        throw new Error(
          `The dependency "${name}" has a scope of "request", it cannot depend on dependencies with scope "function".`,
        )
      }
      if (isSecurityDependency(dep.dependency)) {
        securities.push({ dep: dep.dependency, scopes: inner })
        continue
      }
      const sub = resolve(dep.dependency)
      const target = dep.dependency
      // Only a generator has code after `yield`, so only its scope constrains its sub-dependencies.
      const scope = isGeneratorFunction(target) ? (scopeOf(dep) ?? 'request') : undefined
      if (sub) visit(sub, inner, { target, scope })
    }
  }
  visit(root, [])
  return { flatParams, fields, securities }
}

/** The analysed parameters of a dependency function (cached per function and path). */
export function dependantOf(
  target: DependencyTarget,
  pathNames: ReadonlySet<string>,
  cache: Map<DependencyTarget, Dependant>,
): Dependant | undefined {
  if (isSecurityDependency(target)) return undefined
  let d = cache.get(target)
  if (d === undefined) {
    d = { ...analyse(paramsOf(target), pathNames), call: toCallable(target) }
    cache.set(target, d)
  }
  return d
}

/** Parent scopes followed by a dependency's own, each once (FastAPI's `SecurityScopes` order). */
export function addScopes(parent: readonly string[], own: readonly string[]): string[] {
  const out = [...parent]
  for (const scope of own) if (!out.includes(scope)) out.push(scope)
  return out
}
