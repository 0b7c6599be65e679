import type { Context } from 'hono'
import { BodyError } from './body-error.js'
import { charsetOf } from './content-type.js'
import type { BodyLimits } from './limits.js'
import { readBytes } from './read-bytes.js'
import { shareTextWithHono, stateOf } from './state.js'

// Fatal, so invalid UTF-8 is refused instead of silently becoming U+FFFD. A decoder without the
// `stream` option keeps no state between calls, so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes UTF-8 bytes strictly, dropping a leading byte order mark.
 * Throws a 400 `invalid_encoding` BodyError for bytes that are not UTF-8.
 *
 * @example
 * decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])) // 'hi'
 */
export function decodeUtf8(bytes: Uint8Array, what = 'Request body'): string {
  try {
    return utf8.decode(bytes)
  } catch (error) {
    throw new BodyError(400, 'invalid_encoding', `${what} is not valid UTF-8.`, { cause: error })
  }
}

/**
 * The request body as text, within `limits.maxBodySize`. Decoded as the Content-Type's charset
 * when it names one this runtime knows, else as UTF-8 (strictly: invalid bytes answer 400).
 *
 * @example
 * app.post('/echo', async (c) => c.text(await readText(c)))
 */
export function readText(c: Context, limits?: Partial<BodyLimits>): Promise<string> {
  const charset = charsetOf(c.req.raw.headers.get('content-type'))
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return readBytes(c, limits).then((bytes) => decodeCharset(bytes, charset))
  }
  return readUtf8(c, limits)
}

/** The body decoded as UTF-8, decoded once per request and shared with Hono's `c.req.text()`. */
export function readUtf8(c: Context, limits?: Partial<BodyLimits>): Promise<string> {
  const state = stateOf(c)
  const decoded = state.text
  if (decoded === undefined) {
    return (state.text = readBytes(c, limits).then((bytes) => {
      const text = decodeUtf8(bytes)
      shareTextWithHono(c, text)
      return text
    }))
  }
  // Someone decoded it already; this caller's limit still applies.
  return readBytes(c, limits).then(() => decoded)
}

function decodeCharset(bytes: Uint8Array, charset: string): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(charset, { fatal: true })
  } catch {
    return decodeUtf8(bytes)
  }
  try {
    return decoder.decode(bytes)
  } catch (error) {
    throw new BodyError(400, 'invalid_encoding', `Request body is not valid ${charset}.`, { cause: error })
  }
}
