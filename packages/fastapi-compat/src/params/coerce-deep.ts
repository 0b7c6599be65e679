import type { StandardSchemaV1 } from '@standard-schema/spec'
import { shapeOf } from '../schema/shape.js'
import { coerceString } from './coerce.js'

type Node = Record<string, any>

/** The member schemas of an object schema (valibot `entries`, zod `shape`), else undefined. */
function entriesOf(schema: Node): Record<string, Node> | undefined {
  if (schema['~standard']?.vendor === 'valibot') {
    let s = schema
    while (s.wrapped) s = s.wrapped
    return s.entries
  }
  let def = schema._zod?.def
  while (def && (def.innerType || def.type === 'pipe')) def = (def.innerType ?? def.in)._zod.def
  return def?.shape
}

function itemOf(schema: Node): Node | undefined {
  let s = schema
  if (s['~standard']?.vendor === 'valibot') {
    while (s.wrapped) s = s.wrapped
    return s.type === 'array' ? s.item : undefined
  }
  let def = s._zod?.def
  while (def && (def.innerType || def.type === 'pipe')) def = (def.innerType ?? def.in)._zod.def
  return def?.type === 'array' ? def.element : undefined
}

/**
 * Pydantic's lax mode inside JSON bodies: strings where a number or boolean is expected are
 * converted (`{"price": "50.5"}` is 50.5). Unparsable strings are left for the schema to reject,
 * so the error names the original input. Only touches what needs converting.
 *
 * @example
 * laxBody(v.object({ price: v.number() }), { price: '50.5' }) // { price: 50.5 }
 */
export function laxBody(schema: StandardSchemaV1, value: unknown): unknown {
  if (typeof value === 'string') {
    const scalar = shapeOf(schema).scalar
    if (scalar === 'integer' || scalar === 'number' || scalar === 'boolean') {
      const r = coerceString(value, scalar, [])
      return r.error ? value : r.value
    }
    return value
  }
  // pydantic's lax mode also takes a bool for a number (True is 1) and 0/1 for a bool.
  if (typeof value === 'boolean') {
    const scalar = shapeOf(schema).scalar
    return scalar === 'integer' || scalar === 'number' ? Number(value) : value
  }
  if (typeof value === 'number') {
    return (value === 0 || value === 1) && shapeOf(schema).scalar === 'boolean' ? value === 1 : value
  }
  if (Array.isArray(value)) {
    const item = itemOf(schema as unknown as Node)
    if (item === undefined) return value
    let out: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const next = laxBody(item as unknown as StandardSchemaV1, value[i])
      if (next !== value[i]) (out ??= [...value])[i] = next
    }
    return out ?? value
  }
  if (value === null || typeof value !== 'object') return value
  const entries = entriesOf(schema as unknown as Node)
  if (entries === undefined) return value
  let out: Record<string, unknown> | undefined
  for (const key of Object.keys(entries)) {
    if (!Object.hasOwn(value, key)) continue
    const current = (value as Record<string, unknown>)[key]
    if (current === null || current === undefined) continue
    const next = laxBody(entries[key] as unknown as StandardSchemaV1, current)
    if (next !== current) (out ??= { ...(value as Record<string, unknown>) })[key] = next
  }
  return out ?? value
}
