/** HTTP dates: parse the three formats RFC 9110 allows, format IMF-fixdate. */

// IMF-fixdate, RFC 850 and asctime; anything else is "no date", as werkzeug's parse_date says
const HTTP_DATE =
  /^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*\d{1,2}[\s-][A-Za-z]{3}[\s-]\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:GMT|UTC|[+-]\d{4}))?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*\d{1,2}-[A-Za-z]{3}-\d{2}\s+\d{2}:\d{2}:\d{2}\s+GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+[A-Za-z]{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4})\s*$/

/**
 * Seconds since the epoch for an HTTP date header, or undefined when absent or malformed
 * (lenient `Date.parse` inputs such as `"1"` are refused).
 *
 * @example
 * parseHttpDate('Tue, 14 Nov 2023 22:13:20 GMT') // 1700000000
 */
export function parseHttpDate(value: string | null | undefined): number | undefined {
  if (!value || !HTTP_DATE.test(value)) return undefined
  // asctime has no zone and means UTC
  const ms = Date.parse(/\d{4}\s*$/.test(value) && !/GMT|UTC|[+-]\d{4}/.test(value) ? `${value} GMT` : value)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/**
 * IMF-fixdate for seconds since the epoch (fractions dropped, as HTTP has no sub-second dates).
 *
 * @example
 * httpDate(1700000000) // 'Tue, 14 Nov 2023 22:13:20 GMT'
 */
export function httpDate(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toUTCString()
}
