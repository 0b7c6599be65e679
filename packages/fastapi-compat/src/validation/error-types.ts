/** One item of FastAPI's 422 `detail` list (pydantic v2's error shape). */
export interface ErrorItem {
  type: string
  loc: (string | number)[]
  msg: string
  input: unknown
  ctx?: Record<string, unknown>
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function repr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value)
}

/**
 * Formats options as pydantic does: `'a', 'b' or 'c'`.
 * @example
 * expectedList(['a', 'b']) // "'a' or 'b'"
 */
export function expectedList(options: readonly unknown[]): string {
  const items = options.map(repr)
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** Pydantic's message for each error type, from its context. */
export const MESSAGES: Record<string, (ctx: Record<string, any>) => string> = {
  missing: () => 'Field required',
  int_parsing: () => 'Input should be a valid integer, unable to parse string as an integer',
  int_type: () => 'Input should be a valid integer',
  int_from_float: () => 'Input should be a valid integer, got a number with a fractional part',
  float_parsing: () => 'Input should be a valid number, unable to parse string as a number',
  float_type: () => 'Input should be a valid number',
  bool_parsing: () => 'Input should be a valid boolean, unable to interpret input',
  bool_type: () => 'Input should be a valid boolean',
  string_type: () => 'Input should be a valid string',
  string_too_short: (c) => `String should have at least ${plural(c.min_length, 'character')}`,
  string_too_long: (c) => `String should have at most ${plural(c.max_length, 'character')}`,
  string_pattern_mismatch: (c) => `String should match pattern '${c.pattern}'`,
  too_short: (c) =>
    `${c.field_type} should have at least ${plural(c.min_length, 'item')} after validation, not ${c.actual_length}`,
  too_long: (c) =>
    `${c.field_type} should have at most ${plural(c.max_length, 'item')} after validation, not ${c.actual_length}`,
  greater_than: (c) => `Input should be greater than ${c.gt}`,
  greater_than_equal: (c) => `Input should be greater than or equal to ${c.ge}`,
  less_than: (c) => `Input should be less than ${c.lt}`,
  less_than_equal: (c) => `Input should be less than or equal to ${c.le}`,
  multiple_of: (c) => `Input should be a multiple of ${c.multiple_of}`,
  literal_error: (c) => `Input should be ${c.expected}`,
  enum: (c) => `Input should be ${c.expected}`,
  model_attributes_type: () => 'Input should be a valid dictionary or object to extract fields from',
  dict_type: () => 'Input should be a valid dictionary',
  list_type: () => 'Input should be a valid list',
  json_invalid: () => 'JSON decode error',
  extra_forbidden: () => 'Extra inputs are not permitted',
  url_parsing: (c) => `Input should be a valid URL, ${c.error}`,
  url_type: () => 'URL input should be a string or URL',
  uuid_parsing: (c) => `Input should be a valid UUID, ${c.error ?? 'invalid character'}`,
  uuid_type: () => 'UUID input should be a string, bytes or UUID object',
  datetime_from_date_parsing: (c) =>
    `Input should be a valid datetime or date, ${c.error ?? 'invalid character in year'}`,
  datetime_type: () => 'Input should be a valid datetime',
}

/**
 * Builds one error item with pydantic's message for its type.
 * @example
 * errorItem('missing', ['query', 'q'], null) // { type: 'missing', loc: ['query', 'q'], msg: 'Field required', input: null }
 */
export function errorItem(
  type: string,
  loc: (string | number)[],
  input: unknown,
  ctx?: Record<string, unknown>,
  msg?: string,
): ErrorItem {
  const item: ErrorItem = {
    type,
    loc,
    msg: msg ?? MESSAGES[type]?.(ctx ?? {}) ?? type,
    input: boundInput(input),
  }
  if (ctx !== undefined) item.ctx = ctx
  return item
}

const MAX_STRING = 1_000
const MAX_ITEMS = 100
const MAX_DEPTH = 8

/**
 * Bounds what a 422 echoes back: long strings are cut, big arrays/objects and deep nesting
 * trimmed, so a huge request cannot make an even bigger error response.
 * @example
 * boundInput('x'.repeat(5000)).length // 1003
 */
export function boundInput(value: unknown, depth = 0): unknown {
  if (value === undefined) return null
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...` : value
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '...'
  if (Array.isArray(value)) {
    const cut = value.slice(0, MAX_ITEMS).map((x) => boundInput(x, depth + 1))
    if (value.length > MAX_ITEMS) cut.push('...')
    return cut
  }
  if (value.constructor !== Object && value.constructor !== undefined) return value
  const out: Record<string, unknown> = {}
  let n = 0
  for (const key of Object.keys(value)) {
    if (n++ >= MAX_ITEMS) {
      out['...'] = '...'
      break
    }
    out[key] = boundInput((value as Record<string, unknown>)[key], depth + 1)
  }
  return out
}
