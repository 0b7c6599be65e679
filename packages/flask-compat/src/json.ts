import { Response } from './wrappers/response.js'

/**
 * Serialises like Flask's default JSON provider outside debug mode: keys sorted, compact
 * separators, non-ASCII escaped as `\uXXXX`; dates become HTTP dates, `toJSON` is honoured.
 *
 * @example
 * dumps({ b: 1, a: 'é' }) // '{"a":"\\u00e9","b":1}'
 */
export function dumps(
  value: unknown,
  options: { sort_keys?: boolean; ensure_ascii?: boolean; indent?: number } = {},
): string {
  const sort = options.sort_keys ?? true
  const text =
    options.indent === undefined
      ? (native(value, sort) ?? serialize(value, sort, 0))
      : indented(value, sort, options.indent)
  if (text === undefined) throw new TypeError(`Object of type ${typeof value} is not JSON serializable`)
  return (options.ensure_ascii ?? true) ? asciiOnly(text) : text
}

/**
 * Plain data (objects, arrays, strings, numbers, booleans, null) through the engine's own
 * JSON.stringify, which writes the same compact text as `serialize` with far less garbage;
 * objects whose keys are out of order are copied in sorted order first. Undefined for anything
 * `serialize` writes differently (dates, `toJSON`, maps, sets, bigints) or nests too deep.
 */
function native(value: unknown, sort: boolean): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const ordered = inOrder(value, sort, 0)
  return ordered === NOT_PLAIN ? undefined : JSON.stringify(ordered)
}

const NOT_PLAIN: unique symbol = Symbol('not plain')
const NATIVE_MAX_DEPTH = 32

/** `v` itself when its keys (and its children's) are in order, else a sorted copy; NOT_PLAIN for other data. */
function inOrder(v: object, sort: boolean, depth: number): unknown {
  if (depth > NATIVE_MAX_DEPTH) return NOT_PLAIN
  if (Array.isArray(v)) {
    let out: unknown[] | undefined
    for (let i = 0; i < v.length; i++) {
      const item = child(v[i], sort, depth)
      if (item === NOT_PLAIN) return NOT_PLAIN
      if (item !== v[i]) (out ??= v.slice())[i] = item
    }
    return out ?? v
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function' || v instanceof Map || v instanceof Set)
    return NOT_PLAIN
  const keys = Object.keys(v)
  let sorted = true
  if (sort) for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!
  if (!sorted) keys.sort()
  let out: Record<string, unknown> | undefined = sorted ? undefined : {}
  const record = v as Record<string, unknown>
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const item = child(record[k], sort, depth)
    if (item === NOT_PLAIN) return NOT_PLAIN
    if (out === undefined && item !== record[k]) {
      out = {}
      for (let j = 0; j < i; j++) out[keys[j]!] = record[keys[j]!]
    }
    if (out !== undefined) out[k] = item
  }
  // integer-like keys always come first in an object, whatever the insertion order
  if (out !== undefined && !sameOrder(Object.keys(out), keys)) return NOT_PLAIN
  return out ?? v
}

function child(item: unknown, sort: boolean, depth: number): unknown {
  if (typeof item === 'bigint') return NOT_PLAIN
  return typeof item === 'object' && item !== null ? inOrder(item, sort, depth + 1) : item
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// A direct serializer: JSON.stringify with a key-sorting replacer copies every object, which
// costs more than the rest of a small JSON response.
function serialize(v: unknown, sort: boolean, depth: number): string | undefined {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'bigint':
      return String(v)
    case 'object':
      break
    default:
      return undefined
  }
  if (depth > 512) throw new TypeError('Circular reference or nesting too deep to serialise as JSON')
  if (v instanceof Date) return JSON.stringify(v.toUTCString())
  if (Array.isArray(v)) {
    let out = '['
    for (let i = 0; i < v.length; i++) out += `${i ? ',' : ''}${serialize(v[i], sort, depth + 1) ?? 'null'}`
    return `${out}]`
  }
  const obj = v as { toJSON?: () => unknown }
  if (typeof obj.toJSON === 'function') return serialize(obj.toJSON(), sort, depth + 1)
  if (v instanceof Map) return serialize(Object.fromEntries(v), sort, depth + 1)
  if (v instanceof Set) return serialize([...v], sort, depth + 1)
  const keys = Object.keys(v)
  if (sort) keys.sort()
  let out = '{'
  let first = true
  for (const k of keys) {
    const item = serialize((v as Record<string, unknown>)[k], sort, depth + 1)
    if (item === undefined) continue
    out += `${first ? '' : ','}${JSON.stringify(k)}:${item}`
    first = false
  }
  return `${out}}`
}

function indented(value: unknown, sort: boolean, indent: number): string | undefined {
  const compact = serialize(value, sort, 0)
  return compact === undefined ? undefined : JSON.stringify(JSON.parse(compact), null, indent)
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping everything outside ASCII
const NON_ASCII = /[^\x00-\x7f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: same range
const NON_ASCII_ALL = /[^\x00-\x7f]/g

function asciiOnly(text: string): string {
  return NON_ASCII.test(text)
    ? text.replace(NON_ASCII_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text
}

/**
 * Parses JSON text; the counterpart of `dumps`.
 * @example loads('{"a":1}').a === 1
 */
export function loads(text: string): unknown {
  return JSON.parse(text)
}

/**
 * A JSON response as Flask's `jsonify`: one argument is serialised as is, several become a list,
 * keyword-style use passes one object. The body ends with a newline, as Flask's does.
 *
 * @example
 * return jsonify({ ok: true })
 * return jsonify(1, 2, 3) // [1,2,3]
 */
export function jsonify(...args: unknown[]): Response {
  const value = args.length === 0 ? null : args.length === 1 ? args[0] : args
  return new Response(`${dumps(value)}\n`, { mimetype: 'application/json' })
}
