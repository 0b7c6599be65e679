import type { Scalar } from '../schema/shape.js'
import { type ErrorItem, errorItem } from '../validation/error-types.js'

const TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes'])
const FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no'])
// pydantic-core's str_as_int: digits, or digits with a zero-only fraction ('3.00'), or digits with
// single inner underscores; anything else ('3.5', '1e3') is int_parsing.
const INT = /^\s*[+-]?\d+(_\d+)*\s*$/
const INT_ZERO_FRACTION = /^\s*[+-]?\d+\.0*\s*$/
const FLOAT = /^\s*[+-]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i

/** A coerced value, or the pydantic error its string produced. */
export type Coerced = { value: unknown; error?: undefined } | { value?: undefined; error: ErrorItem }

/**
 * Turns a path/query/header/cookie string into the scalar its schema expects, as pydantic's lax
 * mode does (`'42'` to 42, `'yes'` to true); an unparsable string is pydantic's parsing error.
 *
 * @example
 * coerceString('foo', 'integer', ['path', 'item_id']) // { error: { type: 'int_parsing', ... } }
 */
export function coerceString(raw: string, scalar: Scalar, loc: (string | number)[]): Coerced {
  switch (scalar) {
    case 'integer': {
      if (INT.test(raw)) return { value: Number(raw.replaceAll('_', '')) }
      if (INT_ZERO_FRACTION.test(raw)) return { value: Math.trunc(Number(raw)) }
      return { error: errorItem('int_parsing', loc, raw) }
    }
    case 'number': {
      if (!FLOAT.test(raw)) return { error: errorItem('float_parsing', loc, raw) }
      const t = raw.trim().toLowerCase().replace(/^\+/, '')
      if (t === 'inf' || t === 'infinity') return { value: Number.POSITIVE_INFINITY }
      if (t === '-inf' || t === '-infinity') return { value: Number.NEGATIVE_INFINITY }
      return { value: Number(raw.replaceAll('_', '')) }
    }
    case 'boolean': {
      const t = raw.toLowerCase()
      if (TRUE.has(t)) return { value: true }
      if (FALSE.has(t)) return { value: false }
      return { error: errorItem('bool_parsing', loc, raw) }
    }
    default:
      return { value: raw }
  }
}
