/**
 * FastAPI's `jsonable_encoder`: turns a value into plain JSON data (dates to ISO strings, sets and
 * iterables to arrays, maps to objects, `undefined` members dropped, bigints to numbers).
 *
 * @example
 * jsonable_encoder({ at: new Date(0) }) // { at: '1970-01-01T00:00:00.000Z' }
 */
export function jsonable_encoder(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return Number(value)
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined
  if (Array.isArray(value)) return value.map((x) => jsonable_encoder(x) ?? null)
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return new TextDecoder().decode(value)
  if (value instanceof Map) return jsonable_encoder(Object.fromEntries(value))
  if (value instanceof Set) return [...value].map(jsonable_encoder)
  const toJSON = (value as { toJSON?: () => unknown }).toJSON
  if (typeof toJSON === 'function') return jsonable_encoder(toJSON.call(value))
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value as object)) {
    const encoded = jsonable_encoder((value as Record<string, unknown>)[key])
    if (encoded !== undefined) out[key] = encoded
  }
  return out
}
