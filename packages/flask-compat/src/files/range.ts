/** `Range: bytes=...` parsing and resolution with werkzeug's rules. */

const PLAIN_INT = /^\s*-?\d+\s*$/

/** One range as parsed: start (negative for a suffix) and exclusive end (null: to the end). */
export interface ParsedRange {
  units: string
  ranges: Array<[start: number, end: number | null]>
}

/**
 * Parses a `Range` header; null when it is malformed (which werkzeug answers with 416).
 *
 * @example
 * parseRange('bytes=0-4') // { units: 'bytes', ranges: [[0, 5]] }
 */
export function parseRange(value: string | null | undefined): ParsedRange | null {
  if (!value?.includes('=')) return null
  const eq = value.indexOf('=')
  const units = value.slice(0, eq).trim().toLowerCase()
  const ranges: ParsedRange['ranges'] = []
  let lastEnd = 0
  for (const raw of value.slice(eq + 1).split(',')) {
    const item = raw.trim()
    if (!item.includes('-')) return null
    if (item.startsWith('-')) {
      if (lastEnd < 0 || !PLAIN_INT.test(item)) return null
      ranges.push([Number(item), null])
      lastEnd = -1
      continue
    }
    const dash = item.indexOf('-')
    const startText = item.slice(0, dash)
    const endText = item.slice(dash + 1).trim()
    if (!PLAIN_INT.test(startText)) return null
    const start = Number(startText)
    if (start < lastEnd || lastEnd < 0) return null
    let end: number | null = null
    if (endText) {
      if (!PLAIN_INT.test(endText)) return null
      end = Number(endText) + 1
      if (start >= end) return null
    }
    lastEnd = end ?? -1
    ranges.push([start, end])
  }
  return { units, ranges }
}

/**
 * The `[start, end)` byte span a parsed range selects in a body of `length` bytes, or null when
 * it is not one satisfiable byte range (several ranges, other units, out of bounds).
 *
 * @example
 * rangeForLength(parseRange('bytes=-6'), 13) // [7, 13]
 */
export function rangeForLength(range: ParsedRange | null, length: number): [number, number] | null {
  if (range === null || range.units !== 'bytes' || range.ranges.length !== 1) return null
  let [start, end] = range.ranges[0] as [number, number | null]
  if (end === null) {
    end = length
    if (start < 0) start += length
  }
  if (start >= end || start < 0 || start >= length) return null
  return [start, Math.min(end, length)]
}
