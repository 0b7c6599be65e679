import type { StandardSchemaV1 } from '@standard-schema/spec'

/** The scalar a parameter expects, which decides how its string value is coerced. */
export type Scalar = 'integer' | 'number' | 'boolean' | 'string' | 'object' | 'unknown'

/** What the FastAPI layer needs to know about a schema to coerce strings and place bare schemas. */
export interface Shape {
  scalar: Scalar
  /** An array (list query parameter); `scalar` then describes the items. */
  array: boolean
  /** Accepts `undefined` (optional / has a default). */
  optional: boolean
}

type Node = Record<string, any>

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'nullish',
  'exact_optional',
  'undefinedable',
  'default',
  'prefault',
  'readonly',
  'catch',
  'non_optional',
])

// `v.pipe(v.pipe(v.number(), v.integer()), v.minValue(0))` nests the integer check one pipe down.
function hasIntegerAction(s: Node): boolean {
  return (s.pipe ?? []).some(
    (a: Node) =>
      a.type === 'integer' ||
      a.type === 'safe_integer' ||
      (a !== s && a.kind === 'schema' && hasIntegerAction(a)),
  )
}

function valibotShape(s: Node, optional = false): Shape {
  const type: string = s.type
  if (WRAPPERS.has(type)) return valibotShape(s.wrapped, optional || type !== 'nullable')
  if (type === 'array') return { ...valibotShape(s.item), array: true, optional }
  if (type === 'number') {
    const integer = hasIntegerAction(s)
    return { scalar: integer ? 'integer' : 'number', array: false, optional }
  }
  if (type === 'boolean' || type === 'string') return { scalar: type, array: false, optional }
  if (
    type === 'object' ||
    type === 'loose_object' ||
    type === 'strict_object' ||
    type === 'object_with_rest' ||
    type === 'record'
  )
    return { scalar: 'object', array: false, optional }
  if (type === 'picklist' || type === 'enum' || type === 'literal') {
    const options: unknown[] = type === 'literal' ? [s.literal] : (s.options ?? [])
    const numeric = options.length > 0 && options.every((o) => typeof o === 'number')
    return { scalar: numeric ? 'number' : 'string', array: false, optional }
  }
  return { scalar: 'unknown', array: false, optional }
}

function zodShape(s: Node, optional = false): Shape {
  const def = s._zod.def
  const type: string = def.type
  if (type === 'optional' || type === 'default' || type === 'prefault' || type === 'catch')
    return zodShape(def.innerType, true)
  if (type === 'nullable' || type === 'readonly' || type === 'nonoptional')
    return zodShape(def.innerType, optional)
  if (type === 'pipe') return zodShape(def.in, optional)
  if (type === 'array') return { ...zodShape(def.element), array: true, optional }
  if (type === 'number') {
    const integer =
      def.format === 'safeint' ||
      def.format === 'int32' ||
      (def.checks ?? []).some((c: Node) => c._zod?.def?.format === 'safeint')
    return { scalar: integer ? 'integer' : 'number', array: false, optional }
  }
  if (type === 'boolean' || type === 'string') return { scalar: type, array: false, optional }
  if (type === 'object' || type === 'record') return { scalar: 'object', array: false, optional }
  if (type === 'enum' || type === 'literal') {
    const options = type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? [])
    const numeric = options.length > 0 && options.every((o: unknown) => typeof o === 'number')
    return { scalar: numeric ? 'number' : 'string', array: false, optional }
  }
  return { scalar: 'unknown', array: false, optional }
}

const cache = new WeakMap<object, Shape>()

/**
 * Reads a schema's expected type from valibot's or zod's own description (other validators
 * are `unknown`, and their values are passed as strings).
 *
 * @example
 * shapeOf(v.optional(v.array(v.number()))) // { scalar: 'number', array: true, optional: true }
 */
export function shapeOf(schema: StandardSchemaV1): Shape {
  let shape = cache.get(schema)
  if (shape === undefined) {
    const node = schema as unknown as Node
    const vendor = schema['~standard'].vendor
    if (vendor === 'valibot') shape = valibotShape(node)
    else if (vendor === 'zod' && node._zod) shape = zodShape(node)
    else {
      const list = (node as { [k: symbol]: { list: boolean } })[Symbol.for('bustapi.fastapi.file-schema')]
        ?.list
      shape = { scalar: 'unknown', array: list ?? false, optional: false }
    }
    cache.set(schema, shape)
  }
  return shape
}

/**
 * Whether a schema is an object (a model), which FastAPI's rule makes a body parameter.
 * @example
 * isObjectSchema(v.object({ name: v.string() })) // true
 */
export function isObjectSchema(schema: StandardSchemaV1): boolean {
  const s = shapeOf(schema)
  return s.scalar === 'object' && !s.array
}
