import { RequestedRangeNotSatisfiable } from '../exceptions.js'
import { containsStrong, containsWeak, hasEtags, parseEtags, unquoteEtag } from './etags.js'
import { parseHttpDate } from './http-date.js'
import { parseRange, rangeForLength } from './range.js'

/** What a conditional GET gets: the full body, a byte span, "not modified" or "precondition failed". */
export type ConditionalResult =
  | { status: 200 }
  | { status: 206; start: number; end: number }
  | { status: 304 }
  | { status: 412 }

/** What is known of the resource: its ETag header value, Last-Modified (seconds) and size. */
export interface ResourceState {
  etag?: string | undefined
  lastModified?: number | undefined
  size?: number | undefined
}

/**
 * werkzeug's `is_resource_modified`: If-Modified-Since first, then If-None-Match (weak
 * comparison) and If-Match (strong) override it; with `ifRange`, an If-Range date or tag decides.
 */
function isModified(headers: Headers, state: ResourceState, ifRange: boolean): boolean {
  const lastModified = state.lastModified === undefined ? undefined : Math.floor(state.lastModified)
  let rangeDate: number | undefined
  let rangeTag: string | undefined
  if (ifRange) {
    const value = headers.get('if-range')
    rangeDate = parseHttpDate(value)
    if (rangeDate === undefined && value) rangeTag = unquoteEtag(value)
  }
  const since = rangeDate ?? parseHttpDate(headers.get('if-modified-since'))
  let unmodified = since !== undefined && lastModified !== undefined && lastModified <= since
  if (state.etag) {
    const etag = unquoteEtag(state.etag)
    if (rangeTag !== undefined) {
      unmodified = containsStrong(parseEtags(rangeTag), etag)
    } else {
      const noneMatch = parseEtags(headers.get('if-none-match'))
      if (hasEtags(noneMatch)) unmodified = containsWeak(noneMatch, etag)
      const match = parseEtags(headers.get('if-match'))
      // werkzeug's rule (also for `*`): a strong match of If-Match means "modified"
      if (hasEtags(match)) unmodified = !match.strong.has(etag)
    }
  }
  return !unmodified
}

/**
 * Evaluates conditional and range headers as werkzeug's `make_conditional` does: a processable
 * Range wins (206), then 304 (or 412 when If-Match was sent). Throws `RequestedRangeNotSatisfiable` with
 * `Content-Range: bytes *\/size` for a malformed or unsatisfiable range.
 *
 * @example
 * evaluateConditional(request, { etag: '"1-2-3"', size: 10 }) // { status: 304 } when If-None-Match matches
 */
export function evaluateConditional(request: Request, state: ResourceState): ConditionalResult {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 200 }
  const headers = request.headers
  const range = headers.get('range')
  // werkzeug processes ranges only for a known, non-empty length
  if (range !== null && state.size !== undefined && state.size > 0) {
    if (!headers.has('if-range') || !isModified(headers, state, true)) {
      const span = rangeForLength(parseRange(range), state.size)
      if (span === null) {
        throw new RequestedRangeNotSatisfiable(undefined, {
          headers: { 'Content-Range': `bytes */${state.size}` },
        })
      }
      return { status: 206, start: span[0], end: span[1] - 1 }
    }
  }
  if (!isModified(headers, state, false)) {
    return hasEtags(parseEtags(headers.get('if-match'))) ? { status: 412 } : { status: 304 }
  }
  return { status: 200 }
}
