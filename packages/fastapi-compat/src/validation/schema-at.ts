import type { StandardSchemaV1 } from '@standard-schema/spec'
import { objectEntries } from '../schema/entries.js'

type Node = Record<string, any>

/** The item schema of an array schema (valibot `item`, zod `element`), through wrappers. */
function itemOf(schema: StandardSchemaV1): StandardSchemaV1 | undefined {
  const node = schema as unknown as Node
  if (schema['~standard'].vendor === 'valibot') {
    let s = node
    while (s && s.type !== 'array' && s.wrapped) s = s.wrapped
    return s?.type === 'array' ? s.item : undefined
  }
  if (schema['~standard'].vendor === 'zod') {
    let def = node._zod?.def
    while (def && def.type !== 'array' && (def.innerType || def.in)) def = (def.innerType ?? def.in)._zod.def
    return def?.type === 'array' ? def.element : undefined
  }
  return undefined
}

/**
 * The member schema an issue path points at inside a model (object keys, array indexes), so an
 * error can be named after the field's declared type; `undefined` where the path leaves what
 * valibot's or zod's description says.
 *
 * @example
 * schemaAt(v.object({ tags: v.array(v.number()) }), ['tags', 0]) // the v.number() schema
 */
export function schemaAt(
  schema: StandardSchemaV1 | undefined,
  path: readonly (string | number)[],
): StandardSchemaV1 | undefined {
  let current = schema
  for (const key of path) {
    if (current === undefined) return undefined
    current = typeof key === 'number' ? itemOf(current) : objectEntries(current)?.[key]
  }
  return current
}
