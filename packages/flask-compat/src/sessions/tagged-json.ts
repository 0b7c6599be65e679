import { base64Decode, base64Encode } from './encoding.js'

/**
 * Flask's `TaggedJSONSerializer` (flask/json/tag.py) on JavaScript values, so that session
 * payloads written by Flask decode here and the other way round.
 *
 * | tag    | Python            | JavaScript                                   |
 * |--------|-------------------|----------------------------------------------|
 * | `' t'` | tuple             | an array made with `tuple(...)` (re-encoded as a tuple) |
 * | `' b'` | bytes             | `Uint8Array`                                 |
 * | `' m'` | Markup            | any object with `__html__()`; decodes to `Markup` |
 * | `' u'` | UUID              | decodes to the dashed string (re-encodes as a plain string) |
 * | `' d'` | datetime          | `Date` (HTTP date, second precision)         |
 * | `' di'`| dict with a tag-like key | plain object                          |
 */

const TUPLE = Symbol.for('bustapi.tuple')
const TAGS = new Set([' di', ' t', ' b', ' m', ' u', ' d'])

/** A Python tuple: a frozen array that the session serializer writes with Flask's `' t'` tag. */
export type Tuple<T = unknown> = readonly T[] & { readonly [TUPLE]: true }

/**
 * Makes a tuple, stored in the session as Flask stores tuples (flash messages are tuples).
 *
 * @example
 * session.pair = tuple('message', 'Saved')
 */
export function tuple<T>(...items: T[]): Tuple<T> {
  Object.defineProperty(items, TUPLE, { value: true })
  return Object.freeze(items) as unknown as Tuple<T>
}

/**
 * True for arrays made by `tuple()` or decoded from Flask's `' t'` tag.
 *
 * @example
 * isTuple(tuple(1, 2)) // true
 */
export function isTuple(value: unknown): value is Tuple {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true
}

/**
 * Safe HTML text, as MarkupSafe's `Markup`: what `__html__()` returns is inserted unescaped.
 *
 * @example
 * new Markup('<em>hi</em>').__html__() // '<em>hi</em>'
 */
export class Markup {
  readonly #value: string
  /** Text taken as safe; an object with `__html__()` gives that HTML (as markupsafe's `Markup(obj)`). */
  constructor(value: unknown) {
    this.#value =
      typeof value === 'object' && value !== null && hasHtml(value) ? String(value.__html__()) : String(value)
  }
  __html__(): string {
    return this.#value
  }
  toString(): string {
    return this.#value
  }
  toJSON(): string {
    return this.#value
  }
}

function hasHtml(value: object): value is { __html__(): string } {
  return typeof (value as { __html__?: unknown }).__html__ === 'function'
}

/** Converts a value to the tagged JSON structure Flask writes. */
export function tagValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const items = value.map(tagValue)
    return isTuple(value) ? { ' t': items } : items
  }
  if (value instanceof Uint8Array) return { ' b': base64Encode(value) }
  if (value instanceof Date) return { ' d': value.toUTCString() }
  if (hasHtml(value)) return { ' m': String(value.__html__()) }
  const entries = Object.entries(value)
  if (entries.length === 1 && TAGS.has(entries[0]![0])) {
    const [key, inner] = entries[0]!
    return { ' di': { [`${key}__`]: tagValue(inner) } }
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) defineData(out, k, tagValue(v))
  return out
}

function defineData(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a "__proto__" key must stay data, never a prototype swap
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function formatUUID(hex: string): string {
  const h = hex.replace(/-/g, '').toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function untag(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const keys = Object.keys(value)
  if (keys.length !== 1) return value
  const key = keys[0]!
  const inner = (value as Record<string, unknown>)[key]
  switch (key) {
    case ' t':
      return Array.isArray(inner) ? tuple(...inner) : value
    case ' b':
      return typeof inner === 'string' ? base64Decode(inner) : value
    case ' m':
      return new Markup(String(inner))
    case ' u':
      return typeof inner === 'string' ? formatUUID(inner) : value
    case ' d': {
      const date = new Date(String(inner))
      return Number.isNaN(date.getTime()) ? value : date
    }
    case ' di': {
      if (inner === null || typeof inner !== 'object') return value
      const [k] = Object.keys(inner)
      if (k === undefined) return value
      const out: Record<string, unknown> = {}
      defineData(out, k.slice(0, -2), (inner as Record<string, unknown>)[k])
      return out
    }
    default:
      return value
  }
}

// Python's json.dumps(ensure_ascii=True) escapes DEL and everything above ASCII as \uXXXX (lowercase)
function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(sortKeys)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(value).sort())
    defineData(out, k, sortKeys((value as Record<string, unknown>)[k]))
  return out
}

/**
 * Serializes like Flask's session serializer inside an app context: tagged, compact separators,
 * keys sorted, non-ASCII escaped — byte for byte what Flask writes for the same data.
 *
 * @example
 * taggedDumps({ b: 1, a: tuple('x') }) // '{"a":{" t":["x"]},"b":1}'
 */
export function taggedDumps(value: unknown): string {
  return escapeNonAscii(JSON.stringify(sortKeys(tagValue(value))))
}

/**
 * Parses Flask's tagged JSON, untagging inner values first as Flask's `_untag_scan` does.
 *
 * @example
 * taggedLoads('{"t":{" t":[1,2]}}') // { t: tuple(1, 2) }
 */
export function taggedLoads(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => untag(value))
}
