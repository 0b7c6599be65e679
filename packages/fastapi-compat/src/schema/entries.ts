import type { StandardSchemaV1 } from '@standard-schema/spec'

type Node = Record<string, any>

/**
 * The member schemas of an object model (valibot `entries`, zod `shape`), looking through
 * pipes, optional wrappers and titles; `undefined` for anything else.
 *
 * @example
 * objectEntries(v.object({ limit: v.number() })) // { limit: <number schema> }
 */
export function objectEntries(schema: StandardSchemaV1): Record<string, StandardSchemaV1> | undefined {
  const node = schema as unknown as Node
  if (schema['~standard'].vendor === 'valibot') {
    let s = node
    while (s && !s.entries && s.wrapped) s = s.wrapped
    return s?.entries
  }
  if (schema['~standard'].vendor === 'zod') {
    let def = node._zod?.def
    while (def && !def.shape && (def.innerType || def.in)) def = (def.innerType ?? def.in)._zod.def
    return def?.shape
  }
  return undefined
}
