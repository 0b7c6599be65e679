import type { ByteSpan } from './file-source.js'

/** What a static GET gets: the whole file, a span of it, "not modified", or "unsatisfiable". */
export type StaticOutcome =
  | { status: 200 }
  | { status: 206; span: ByteSpan }
  | { status: 304 }
  | { status: 416 }

/**
 * A strong entity tag from size and modification time, as static servers commonly derive it.
 *
 * @example
 * deriveEtag(11, 1700000000000) // '"b-loyw3v28"'
 */
export function deriveEtag(size: number, mtime: number | undefined): string {
  return `"${size.toString(36)}-${Math.floor(mtime ?? 0).toString(36)}"`
}

/** The tag without `W/` and quotes, for weak comparison. */
function opaque(tag: string): string {
  const t = tag.trim()
  return t.startsWith('W/') ? t.slice(2) : t
}

function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const own = opaque(etag)
  return header.split(',').some((tag) => opaque(tag) === own)
}

/** Seconds of an HTTP date, or undefined for anything `Date.parse` cannot read. */
function seconds(value: string): number | undefined {
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

const SINGLE_RANGE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i

/**
 * The one byte span a `Range` header selects, `null` when unsatisfiable, or undefined when the
 * header is to be ignored (malformed, other units, several ranges: RFC 9110 lets a server send
 * the whole representation instead).
 *
 * @example
 * parseByteRange('bytes=-3', 10) // { start: 7, end: 9 }
 */
export function parseByteRange(header: string, size: number): ByteSpan | null | undefined {
  const m = SINGLE_RANGE.exec(header)
  if (m === null) return undefined
  const [, first = '', second = ''] = m
  if (first === '' && second === '') return undefined
  if (first === '') {
    const length = Number(second)
    if (length === 0 || size === 0) return null
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  const end = second === '' ? size - 1 : Math.min(Number(second), size - 1)
  if (second !== '' && Number(second) < start) return undefined
  if (start >= size) return null
  return { start, end }
}

/**
 * Evaluates validators and ranges in RFC 9110's order: If-None-Match (else If-Modified-Since)
 * may answer 304; then a Range, honoured only when If-Range (if any) still matches, gives 206 or 416.
 *
 * @example
 * evaluateStatic(request.headers, { etag: '"a"', size: 10 }) // { status: 304 } for If-None-Match: "a"
 */
export function evaluateStatic(
  headers: Headers,
  file: { etag: string; size: number; mtime?: number | undefined },
): StaticOutcome {
  const inm = headers.get('if-none-match')
  if (inm !== null) {
    if (noneMatch(inm, file.etag)) return { status: 304 }
  } else if (file.mtime !== undefined) {
    const ims = headers.get('if-modified-since')
    const since = ims === null ? undefined : seconds(ims)
    if (since !== undefined && Math.floor(file.mtime / 1000) <= since) return { status: 304 }
  }
  const range = headers.get('range')
  if (range === null) return { status: 200 }
  const ifRange = headers.get('if-range')
  if (ifRange !== null && !rangeStillValid(ifRange.trim(), file)) return { status: 200 }
  const span = parseByteRange(range, file.size)
  if (span === undefined) return { status: 200 }
  return span === null ? { status: 416 } : { status: 206, span }
}

/** If-Range: a strong tag must equal ours, a date must equal Last-Modified exactly. */
function rangeStillValid(value: string, file: { etag: string; mtime?: number | undefined }): boolean {
  if (value.startsWith('"') || value.startsWith('W/'))
    return !file.etag.startsWith('W/') && value === file.etag
  const date = seconds(value)
  return date !== undefined && file.mtime !== undefined && Math.floor(file.mtime / 1000) === date
}
