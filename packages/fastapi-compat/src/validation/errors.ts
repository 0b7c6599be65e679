import type { StandardSchemaV1 } from '@standard-schema/spec'
import { shapeOf } from '../schema/shape.js'
import { type ErrorItem, errorItem, expectedList } from './error-types.js'
import { datetimeError, uuidError } from './format-errors.js'
import { schemaAt } from './schema-at.js'

type Loc = (string | number)[]
type AnyIssue = StandardSchemaV1.Issue & Record<string, any>

function keyOf(segment: PropertyKey | StandardSchemaV1.PathSegment): string | number {
  const key = typeof segment === 'object' ? segment.key : segment
  return typeof key === 'symbol' ? String(key) : key
}

/** Parses valibot's `expected` text (`("a" | "b")`, `"x"`, `1`) back into the allowed values. */
function valibotOptions(expected: unknown): unknown[] {
  if (typeof expected !== 'string') return []
  const inner = expected.startsWith('(') && expected.endsWith(')') ? expected.slice(1, -1) : expected
  return inner.split(' | ').map((part) => {
    try {
      return JSON.parse(part)
    } catch {
      return part
    }
  })
}

function lengthError(kind: 'short' | 'long', value: unknown, limit: number, loc: Loc): ErrorItem {
  if (Array.isArray(value)) {
    const key = kind === 'short' ? 'min_length' : 'max_length'
    return errorItem(`too_${kind}`, loc, value, {
      field_type: 'List',
      [key]: limit,
      actual_length: value.length,
    })
  }
  return kind === 'short'
    ? errorItem('string_too_short', loc, value, { min_length: limit })
    : errorItem('string_too_long', loc, value, { max_length: limit })
}

function numberTypeError(value: unknown, loc: Loc, integer: boolean): ErrorItem {
  if (integer) {
    if (typeof value === 'number') return errorItem('int_from_float', loc, value)
    return errorItem(typeof value === 'string' ? 'int_parsing' : 'int_type', loc, value)
  }
  return errorItem(typeof value === 'string' ? 'float_parsing' : 'float_type', loc, value)
}

function typeError(expected: string, value: unknown, loc: Loc, integer: boolean): ErrorItem | undefined {
  switch (expected) {
    case 'string':
      return errorItem('string_type', loc, value)
    case 'number':
      // `v.pipe(v.number(), v.integer())` and `z.number().int()` reject a non-number as a number;
      // pydantic names the field's declared type, so an int field says int_parsing/int_type.
      return numberTypeError(value, loc, integer)
    case 'int':
    case 'integer':
    case 'bigint':
      return numberTypeError(value, loc, true)
    case 'boolean':
      // pydantic reads 0/1 (and strings) as booleans, so another number fails to parse rather than type.
      return errorItem(
        typeof value === 'string' || typeof value === 'number' ? 'bool_parsing' : 'bool_type',
        loc,
        value,
      )
    case 'object':
    case 'Object':
    case 'strict_object':
    case 'loose_object':
      return errorItem('model_attributes_type', loc, value)
    case 'record':
    case 'map':
      return errorItem('dict_type', loc, value)
    case 'array':
    case 'Array':
    case 'tuple':
    case 'set':
      return errorItem('list_type', loc, value)
    default:
      return undefined
  }
}

function fromValibot(issue: AnyIssue, value: unknown, loc: Loc, integer: boolean): ErrorItem | undefined {
  const r = issue.requirement
  switch (issue.type) {
    case 'integer':
      return numberTypeError(value, loc, true)
    case 'min_length':
    case 'non_empty':
      return lengthError('short', value, typeof r === 'number' ? r : 1, loc)
    case 'max_length':
      return lengthError('long', value, r, loc)
    case 'min_value':
      return errorItem('greater_than_equal', loc, value, { ge: r })
    case 'max_value':
      return errorItem('less_than_equal', loc, value, { le: r })
    case 'gt_value':
      return errorItem('greater_than', loc, value, { gt: r })
    case 'lt_value':
      return errorItem('less_than', loc, value, { lt: r })
    case 'multiple_of':
      return errorItem('multiple_of', loc, value, { multiple_of: r })
    case 'url':
      return errorItem('url_parsing', loc, value, { error: 'relative URL without a base' })
    case 'regex':
      return errorItem('string_pattern_mismatch', loc, value, { pattern: (r as RegExp).source })
    case 'picklist':
    case 'literal':
      return errorItem('literal_error', loc, value, {
        expected: expectedList(valibotOptions(issue.expected)),
      })
    case 'enum':
      return errorItem('enum', loc, value, { expected: expectedList(valibotOptions(issue.expected)) })
    case 'uuid':
      return uuidError(value, loc)
    case 'iso_timestamp':
      return datetimeError(value, loc)
    default:
      return issue.kind === 'schema' ? typeError(issue.type, value, loc, integer) : undefined
  }
}

function fromZod(issue: AnyIssue, value: unknown, loc: Loc, integer: boolean): ErrorItem | undefined {
  const origin = issue.origin
  switch (issue.code) {
    case 'invalid_type':
      return typeError(issue.expected, value, loc, integer)
    case 'too_small':
      if (origin === 'number' || origin === 'bigint' || origin === 'int')
        return issue.inclusive
          ? errorItem('greater_than_equal', loc, value, { ge: Number(issue.minimum) })
          : errorItem('greater_than', loc, value, { gt: Number(issue.minimum) })
      return lengthError('short', value, Number(issue.minimum), loc)
    case 'too_big':
      if (origin === 'number' || origin === 'bigint' || origin === 'int')
        return issue.inclusive
          ? errorItem('less_than_equal', loc, value, { le: Number(issue.maximum) })
          : errorItem('less_than', loc, value, { lt: Number(issue.maximum) })
      return lengthError('long', value, Number(issue.maximum), loc)
    case 'invalid_value': {
      const values: unknown[] = issue.values ?? []
      return errorItem(values.length === 1 ? 'literal_error' : 'enum', loc, value, {
        expected: expectedList(values),
      })
    }
    case 'invalid_format':
      if (issue.format === 'url')
        return errorItem('url_parsing', loc, value, { error: 'relative URL without a base' })
      if (issue.format === 'uuid' || issue.format === 'guid') return uuidError(value, loc)
      if (issue.format === 'datetime') return datetimeError(value, loc)
      if (issue.format === 'regex' && issue.pattern)
        return errorItem('string_pattern_mismatch', loc, value, { pattern: String(issue.pattern) })
      return undefined
    case 'not_multiple_of':
      return errorItem('multiple_of', loc, value, { multiple_of: issue.divisor })
    default:
      return undefined
  }
}

function isIntegerAt(schema: StandardSchemaV1, path: readonly (string | number)[]): boolean {
  const at = schemaAt(schema, path)
  return at !== undefined && shapeOf(at).scalar === 'integer'
}

/**
 * Maps a Standard Schema failure to FastAPI's 422 items: valibot and zod issues become pydantic's
 * types and messages; any other validator's issues become `value_error`. An issue about an absent
 * key is `missing`, echoing the object that lacks it, as pydantic does. `input` is what the client
 * sent (before any lax conversion), so the echo is the original value; `schema`, when given, names
 * the declared type of a failing member (an int field inside a model says `int_parsing`).
 *
 * @example
 * issuesToErrors(result.issues, ['body'], body, Item)
 */
export function issuesToErrors(
  issues: readonly StandardSchemaV1.Issue[],
  prefix: Loc,
  input: unknown,
  schema?: StandardSchemaV1,
): ErrorItem[] {
  const out: ErrorItem[] = []
  for (const raw of issues) {
    const issue = raw as AnyIssue
    const path = (issue.path ?? []).map(keyOf)
    // valibot marks a record key that failed; pydantic's loc ends with '[key]' and echoes the key.
    // A missing key is also reported on the key's side, but with no input.
    const last = issue.path?.at(-1) as { origin?: string; key?: unknown } | undefined
    const onKey = last?.origin === 'key' && issue.input !== undefined && issue.input === last.key
    const loc = onKey ? [...prefix, ...path, '[key]'] : [...prefix, ...path]
    let parent: unknown
    let value: unknown = input
    let present = input !== undefined
    for (const key of path) {
      parent = value
      present = value !== null && typeof value === 'object' && Object.hasOwn(value, key)
      value = present ? (value as Record<string | number, unknown>)[key] : undefined
    }
    if (!present && (issue.kind === 'schema' || issue.code === 'invalid_type')) {
      // valibot accepts an array as an object and reports each key missing; pydantic rejects the list.
      if (Array.isArray(parent) && typeof path.at(-1) === 'string') {
        const at = loc.slice(0, -1)
        const key = JSON.stringify(at)
        if (!out.some((e) => e.type === 'model_attributes_type' && JSON.stringify(e.loc) === key))
          out.push(errorItem('model_attributes_type', at, parent))
        continue
      }
      out.push(errorItem('missing', loc, path.length > 0 ? parent : null))
      continue
    }
    if (onKey) value = path.at(-1)
    const integer = schema !== undefined && !onKey && isIntegerAt(schema, path)
    const mapped =
      'kind' in issue
        ? fromValibot(issue, value, loc, integer)
        : 'code' in issue
          ? fromZod(issue, value, loc, integer)
          : undefined
    out.push(mapped ?? errorItem('value_error', loc, value, { error: {} }, `Value error, ${issue.message}`))
  }
  return out
}

/**
 * FastAPI's `json_invalid` item for a body that is not JSON, at the character offset of the error.
 * @example
 * jsonInvalid(1, 'Expecting property name enclosed in double quotes')
 */
export function jsonInvalid(position: number, error = 'Expecting value'): ErrorItem {
  return {
    type: 'json_invalid',
    loc: ['body', position],
    msg: 'JSON decode error',
    input: {},
    ctx: { error },
  }
}
