import { type ErrorItem, errorItem } from './error-types.js'

type Loc = (string | number)[]

const UUID_CHAR = /[0-9a-fA-F-]/
const GROUPS = [8, 4, 4, 4, 12]

/** The uuid crate's reason a string is no UUID, as pydantic puts it in `ctx.error`. */
function uuidReason(text: string): string {
  let body = text
  let offset = 0
  if (body.startsWith('urn:uuid:')) {
    body = body.slice(9)
    offset = 9
  } else if (body.startsWith('{') && body.endsWith('}')) {
    body = body.slice(1, -1)
    offset = 1
  }
  for (let i = 0; i < body.length; i++) {
    if (!UUID_CHAR.test(body[i]!))
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${body[i]}\` at ${i + offset + 1}`
  }
  const groups = body.split('-')
  if (groups.length === 1) return `invalid length: expected length 32 for simple format, found ${body.length}`
  if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`
  for (let g = 0; g < 5; g++) {
    if (groups[g]!.length !== GROUPS[g])
      return `invalid group length in group ${g}: expected ${GROUPS[g]}, found ${groups[g]!.length}`
  }
  // A 32-digit simple UUID that the TS schema's hyphenated-only check refused.
  return `invalid length: expected length 36 for hyphenated format, found ${body.length}`
}

/**
 * pydantic's `uuid_parsing` item for a string that is not a UUID (a non-string is `uuid_type`).
 * @example
 * uuidError('123', ['path', 'item_id']).msg // 'Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3'
 */
export function uuidError(value: unknown, loc: Loc): ErrorItem {
  if (typeof value !== 'string') return errorItem('uuid_type', loc, value)
  const error = uuidReason(value)
  return errorItem('uuid_parsing', loc, value, { error }, `Input should be a valid UUID, ${error}`)
}

/** speedate's reason a string is no datetime, for the common cases. */
function datetimeReason(text: string): string {
  if (text.length < 10) return 'input is too short'
  if (!/^\d{4}/.test(text)) return 'invalid character in year'
  if (text[4] !== '-' || text[7] !== '-') return 'invalid date separator, expected `-`'
  if (!/^\d\d$/.test(text.slice(5, 7))) return 'invalid character in month'
  if (!/^\d\d$/.test(text.slice(8, 10))) return 'invalid character in day'
  if (text.length > 10 && !'Tt _'.includes(text[10]!))
    return 'invalid datetime separator, expected `T`, `t`, `_` or space'
  return 'invalid character in hour'
}

/**
 * pydantic's item for a string that is not an ISO datetime (`datetime_from_date_parsing`).
 * @example
 * datetimeError('abc', ['body', 'start_datetime']).msg // 'Input should be a valid datetime or date, input is too short'
 */
export function datetimeError(value: unknown, loc: Loc): ErrorItem {
  if (typeof value !== 'string') return errorItem('datetime_type', loc, value)
  const error = datetimeReason(value)
  return errorItem(
    'datetime_from_date_parsing',
    loc,
    value,
    { error },
    `Input should be a valid datetime or date, ${error}`,
  )
}
