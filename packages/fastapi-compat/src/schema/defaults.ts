import type { StandardSchemaV1 } from '@standard-schema/spec'

type Node = Record<string, any>

const cache = new WeakMap<object, ReadonlyMap<string, unknown>>()

function valibotEntries(s: Node): Record<string, Node> | undefined {
  let node = s
  while (node.type !== 'object' && (node.wrapped || node.item)) node = node.wrapped ?? node.item
  return node.entries
}

function zodShape(s: Node): Record<string, Node> | undefined {
  let def = s._zod?.def
  while (def && def.type !== 'object' && (def.innerType || def.element || def.in))
    def = (def.innerType ?? def.element ?? def.in)._zod.def
  return def?.shape
}

/**
 * The default of each top-level field of an object model (or of a list's item model), read from
 * valibot's `optional(x, default)` or zod's `.default(x)`; fields without one are absent.
 *
 * @example
 * defaultsOf(v.object({ tax: v.optional(v.number(), 10.5) })) // Map { 'tax' => 10.5 }
 */
export function defaultsOf(schema: StandardSchemaV1): ReadonlyMap<string, unknown> {
  let out = cache.get(schema)
  if (out) return out
  const map = new Map<string, unknown>()
  const node = schema as unknown as Node
  if (schema['~standard'].vendor === 'valibot') {
    for (const [key, entry] of Object.entries(valibotEntries(node) ?? {})) {
      if ('default' in entry && entry.default !== undefined)
        map.set(key, typeof entry.default === 'function' ? entry.default() : entry.default)
    }
  } else if (schema['~standard'].vendor === 'zod') {
    for (const [key, entry] of Object.entries(zodShape(node) ?? {})) {
      const def = entry._zod?.def
      if (def?.type === 'default') map.set(key, def.defaultValue)
    }
  }
  out = map
  cache.set(schema, out)
  return out
}
