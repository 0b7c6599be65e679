/** A half-open byte range `[start, end)`. */
export type ByteRange = readonly [start: number, end: number]

/** What a `Range` header asks of a file of a given size, as Starlette reads it. */
export type RangeRequest =
  | { kind: 'ranges'; ranges: ByteRange[] }
  /** Answer the whole file (no usable range, or more ranges than allowed). */
  | { kind: 'whole' }
  /** 400 with this text. */
  | { kind: 'malformed'; message: string }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }

/** Starlette's `FileResponse.max_ranges`: more are answered with the whole file. */
export const MAX_RANGES = 100

const DIGITS = /^\d+$/

function parseParts(spec: string, size: number): ByteRange[] {
  const ranges: ByteRange[] = []
  for (const raw of spec.split(',')) {
    const part = raw.trim()
    // Empty parts, a lone dash and parts without a dash are skipped, as Starlette does.
    if (part === '' || part === '-' || !part.includes('-')) continue
    const dash = part.indexOf('-')
    const startText = part.slice(0, dash).trim()
    const endText = part.slice(dash + 1).trim()
    if ((startText !== '' && !DIGITS.test(startText)) || (endText !== '' && !DIGITS.test(endText))) continue
    if (startText === '') {
      // A suffix range (`-500`): the last 500 bytes.
      ranges.push([Math.max(size - Number(endText), 0), size])
      continue
    }
    const start = Number(startText)
    const end = endText !== '' && Number(endText) < size ? Number(endText) + 1 : size
    ranges.push([start, end])
  }
  return ranges
}

/**
 * Reads a `Range` header against a file size with Starlette's (>= 0.39) rules: bytes only,
 * suffix ranges, overlapping ranges merged and sorted, a start past the end unsatisfiable.
 *
 * @example
 * parseRange('bytes=0-100, 50-200', 526) // { kind: 'ranges', ranges: [[0, 201]] }
 */
export function parseRange(header: string, size: number): RangeRequest {
  const eq = header.indexOf('=')
  if (eq === -1) return { kind: 'malformed', message: 'Malformed range header.' }
  if (header.slice(0, eq).trim().toLowerCase() !== 'bytes')
    return { kind: 'malformed', message: 'Only support bytes range' }
  const spec = header.slice(eq + 1)
  if (spec.split(',').length > MAX_RANGES) return { kind: 'whole' }
  const ranges = parseParts(spec, size)
  if (ranges.length === 0) return { kind: 'malformed', message: 'Range header: range must be requested' }
  if (ranges.some(([start]) => !(start >= 0 && start < size))) return { kind: 'unsatisfiable' }
  if (ranges.some(([start, end]) => start >= end))
    return { kind: 'malformed', message: 'Range header: start must be less than end' }
  if (ranges.length === 1) return { kind: 'ranges', ranges }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = [[ranges[0]![0], ranges[0]![1]]]
  for (const [start, end] of ranges.slice(1)) {
    const last = merged.at(-1)!
    if (start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return { kind: 'ranges', ranges: merged }
}

/**
 * The part header of one range in a `multipart/byteranges` body.
 * @example
 * partHeader('abc', 'text/plain', [0, 51], 526) // "--abc\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-50/526\r\n\r\n"
 */
export function partHeader(boundary: string, type: string, [start, end]: ByteRange, size: number): string {
  return `--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${start}-${end - 1}/${size}\r\n\r\n`
}

/**
 * The exact length of a `multipart/byteranges` body: each part's header, bytes and CRLF, then
 * the closing boundary (headers are ASCII, so characters are bytes).
 *
 * @example
 * multipartLength('abc', 'text/plain', [[0, 10]], 526)
 */
export function multipartLength(
  boundary: string,
  type: string,
  ranges: readonly ByteRange[],
  size: number,
): number {
  let length = 0
  for (const range of ranges)
    length += partHeader(boundary, type, range, size).length + (range[1] - range[0]) + 2
  return length + boundary.length + 4
}
