import type { StandardSchemaV1 } from '@standard-schema/spec'
import { dependency } from '../dependencies/depends.js'
import type { Param, ParamKind } from './types.js'

/** What solving needs to know about a parameter model: its source and the keys it declares. */
export interface ParamModelInfo {
  readonly kind: ParamKind
  /** Wire names and field names (FastAPI counts both as processed). */
  readonly known: ReadonlySet<string>
  /** `extra: 'forbid'`: a received key the model does not declare is a 422 `extra_forbidden`. */
  readonly forbidExtra: boolean
}

const MODEL: unique symbol = Symbol('bustapi.fastapi.param-model')

type Node = Record<string, any>

/**
 * Whether an object schema rejects unknown keys (pydantic's `model_config = {"extra": "forbid"}`):
 * valibot `strictObject` or `objectWithRest(..., never())`, zod `strictObject` / `.strict()`.
 *
 * @example
 * forbidsExtra(v.strictObject({ limit: v.number() })) // true
 */
export function forbidsExtra(schema: StandardSchemaV1): boolean {
  const node = schema as unknown as Node
  if (schema['~standard'].vendor === 'valibot') {
    let s = node
    while (s && !s.entries && s.wrapped) s = s.wrapped
    return s?.type === 'strict_object' || (s?.type === 'object_with_rest' && s.rest?.type === 'never')
  }
  if (schema['~standard'].vendor === 'zod') {
    let def = node._zod?.def
    while (def && !def.shape && (def.innerType || def.in)) def = (def.innerType ?? def.in)._zod.def
    return def?.catchall?._zod?.def?.type === 'never'
  }
  return false
}

/**
 * The dependency a parameter model (`Query(FilterParams)`) becomes: one parameter per field, the
 * handler receiving the object; it carries the model's keys so solving can report extra keys.
 *
 * @example
 * new Dependency(modelDependency(Query(Filter), { limit: Query(v.number()) }))
 */
export function modelDependency(
  param: Param,
  fields: Record<string, Param>,
): (values: Record<string, unknown>) => Record<string, unknown> {
  const fn = dependency(fields, (values: Record<string, unknown>) => values) as unknown as (
    values: Record<string, unknown>,
  ) => Record<string, unknown>
  const known = new Set<string>()
  const hyphens = param.kind === 'header' && param.options.convert_underscores !== false
  for (const name of Object.keys(fields)) {
    known.add(name)
    if (hyphens) known.add(name.replaceAll('_', '-'))
  }
  const info: ParamModelInfo = { kind: param.kind, known, forbidExtra: forbidsExtra(param.schema) }
  Object.defineProperty(fn, MODEL, { value: info })
  return fn
}

/**
 * The parameter model behind a dependency function, if it is one.
 * @example
 * paramModelOf(target)?.forbidExtra
 */
export function paramModelOf(target: unknown): ParamModelInfo | undefined {
  return (target as { [MODEL]?: ParamModelInfo } | undefined)?.[MODEL]
}
