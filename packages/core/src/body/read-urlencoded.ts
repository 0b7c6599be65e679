import type { Context } from 'hono'
import { BodyError, unsupportedMediaType } from './body-error.js'
import { mediaTypeOf } from './content-type.js'
import { type BodyLimits, resolveLimits } from './limits.js'
import { readUtf8 } from './read-text.js'
import { stateOf } from './state.js'
import type { ParsedForm } from './uploaded-file.js'

/**
 * The fields of an `application/x-www-form-urlencoded` body, in order, with `URLSearchParams`
 * decoding ('+' is a space, a bad escape is kept as sent, invalid UTF-8 escapes become U+FFFD). Answers 413 past
 * `maxBodySize`, more than `maxParts` fields (`too_many_parts`) or a value over `maxFieldSize`
 * UTF-8 bytes (`field_too_large`), and 415 for another Content-Type.
 *
 * @example
 * const fields = await readUrlEncoded(c)
 * const name = fields.find(([k]) => k === 'name')?.[1]
 */
export async function readUrlEncoded(c: Context, limits?: Partial<BodyLimits>): Promise<[string, string][]> {
  const contentType = c.req.raw.headers.get('content-type')
  if (mediaTypeOf(contentType) !== 'application/x-www-form-urlencoded') {
    throw unsupportedMediaType(contentType ?? undefined, 'application/x-www-form-urlencoded')
  }
  return (await readUrlEncodedForm(c, limits)).fields
}

/** The urlencoded body as a form (no files), parsed once per request. */
export function readUrlEncodedForm(c: Context, limits?: Partial<BodyLimits>): Promise<ParsedForm> {
  const state = stateOf(c)
  const resolved = resolveLimits(limits)
  if (state.form !== undefined) return state.form.then((form) => checkFields(form, resolved))
  state.form = readUtf8(c, limits).then((text) => {
    // Counted before parsing, so a body of a million '&a' is refused without building its pairs.
    if (countFields(text) > resolved.maxParts) throw tooManyParts(resolved.maxParts)
    return checkFields({ fields: parseUrlEncoded(text), files: [] }, resolved)
  })
  return state.form
}

/**
 * Splits an urlencoded string into `[name, value]` pairs, as `URLSearchParams` does.
 *
 * @example
 * parseUrlEncoded('a=1&b=x+y') // [['a', '1'], ['b', 'x y']]
 */
export function parseUrlEncoded(text: string): [string, string][] {
  const fields: [string, string][] = []
  if (text.length === 0) return fields
  for (const entry of new URLSearchParams(text)) fields.push(entry)
  return fields
}

/** Applies the part-count and field-size limits to a parsed form (a cached one included). */
export function checkFields(form: ParsedForm, limits: Readonly<Required<BodyLimits>>): ParsedForm {
  const parts = form.fields.length + form.files.length
  if (parts > limits.maxParts) throw tooManyParts(limits.maxParts)
  for (const [name, value] of form.fields) {
    if (exceedsUtf8(value, limits.maxFieldSize)) throw fieldTooLarge(name, limits.maxFieldSize)
  }
  return form
}

/** The 413 for a form with more than `limit` fields or parts. */
export function tooManyParts(limit: number): BodyError {
  return new BodyError(413, 'too_many_parts', `Form has more than the limit of ${limit} fields.`)
}

/** The 413 for a text field over `limit` bytes. */
export function fieldTooLarge(name: string, limit: number): BodyError {
  return new BodyError(
    413,
    'field_too_large',
    `Form field '${name}' is larger than the limit of ${limit} bytes.`,
  )
}

/** The number of non-empty `&`-separated segments, as URLSearchParams would yield pairs. */
function countFields(text: string): number {
  let count = 0
  let start = 0
  for (;;) {
    const end = text.indexOf('&', start)
    const stop = end === -1 ? text.length : end
    if (stop > start) count++
    if (end === -1) return count
    start = end + 1
  }
}

/** True when `value` takes more than `limit` bytes in UTF-8 (counted only when it could). */
function exceedsUtf8(value: string, limit: number): boolean {
  if (value.length > limit) return true
  if (value.length * 3 <= limit) return false
  let bytes = 0
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i)
    if (ch < 0x80) bytes += 1
    else if (ch < 0x800) bytes += 2
    else if (ch >= 0xd800 && ch <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes > limit
}
