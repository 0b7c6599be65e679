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
  const text = JSON.stringify(
    value,
    function (this: unknown, _key, v: unknown) {
      const raw = (this as Record<string, unknown>)[_key]
      if (raw instanceof Date) return raw.toUTCString()
      if (v instanceof Map) return Object.fromEntries(v)
      if (v instanceof Set) return [...v]
      if (typeof v === 'bigint') return Number(v)
      if (sort && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const out: Record<string, unknown> = {}
        for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k]
        return out
      }
      return v
    },
    options.indent,
  )
  if (text === undefined) throw new TypeError(`Object of type ${typeof value} is not JSON serializable`)
  return (options.ensure_ascii ?? true) ? asciiOnly(text) : text
}

function asciiOnly(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping everything outside ASCII
  return /[^\x00-\x7f]/.test(text)
    ? // biome-ignore lint/suspicious/noControlCharactersInRegex: same range
      text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
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
