import type { Context } from 'hono'
import { BodyError, unsupportedMediaType } from './body-error.js'
import { isJsonMediaType, mediaTypeOf } from './content-type.js'
import { locateJsonError } from './json-error.js'
import type { BodyLimits } from './limits.js'
import { readBytes } from './read-bytes.js'
import { decodeUtf8, readUtf8 } from './read-text.js'
import { stateOf } from './state.js'

/** Options of {@link readJson}. */
export interface ReadJsonOptions {
  limits?: Partial<BodyLimits>
  /** Answer 415 unless the Content-Type is `application/json` or `application/*+json`. Default false. */
  requireContentType?: boolean
}

/**
 * The request body parsed as JSON (UTF-8, a leading BOM ignored), parsed once per request.
 * Answers 400 `json_invalid` with the failing character `position`, 400 `invalid_encoding` for
 * bytes that are not UTF-8, 413 past `limits.maxBodySize`, and 415 when `requireContentType` is
 * set and the Content-Type is not JSON. An empty body is `json_invalid` at position 0 when the
 * Content-Type says JSON, and `undefined` when there is no Content-Type (nothing was sent).
 *
 * @example
 * app.post('/items', async (c) => {
 *   const item = await readJson(c, { requireContentType: true })
 *   return c.json(item, 201)
 * })
 */
export function readJson(c: Context, options?: ReadJsonOptions): Promise<unknown> {
  if (options?.requireContentType) {
    const contentType = c.req.raw.headers.get('content-type')
    if (!isJsonMediaType(mediaTypeOf(contentType))) {
      return Promise.reject(unsupportedMediaType(contentType ?? undefined, 'application/json'))
    }
  }
  const state = stateOf(c)
  const limits = options?.limits
  if (state.json !== undefined) {
    // Parsed already; the text read re-checks this caller's size limit.
    return readUtf8(c, limits).then(() => state.json)
  }
  // The Content-Type is looked at only for an empty body: building the request's Headers costs
  // more than the rest of a small JSON read on Node's adapter.
  const parse = (text: string) =>
    parseJson(text, text.length === 0 && mediaTypeOf(c.req.raw.headers.get('content-type')) === '')
  // Nothing read yet: straight from bytes to the value, one step instead of bytes, text, value.
  state.json =
    state.bytes === undefined && state.text === undefined
      ? readBytes(c, limits).then((bytes) => parse(decodeUtf8(bytes)))
      : readUtf8(c, limits).then(parse)
  return state.json
}

/**
 * Parses JSON text, turning a syntax error into a 400 `json_invalid` BodyError with its position.
 *
 * @example
 * parseJson('{"a":1}') // { a: 1 }
 */
export function parseJson(text: string, emptyIsUndefined = false): unknown {
  if (text.length === 0 && emptyIsUndefined) return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    const located = locateJsonError(text) ?? {
      position: positionFromMessage(error, text),
      message: 'Expecting value',
    }
    throw new BodyError(
      400,
      'json_invalid',
      `Invalid JSON at position ${located.position}: ${located.message}.`,
      {
        position: located.position,
        jsonError: located.message,
        cause: error,
      },
    )
  }
}

/** What the engine says, when our own scan finds nothing (a case the two disagree on). */
function positionFromMessage(error: unknown, text: string): number {
  const message = error instanceof Error ? error.message : ''
  const match = /at position (\d+)/.exec(message)
  if (match) return Number(match[1])
  return /end of (JSON )?input/i.test(message) ? text.length : 0
}
