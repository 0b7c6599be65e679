import type { Context } from 'hono'
import { unsupportedMediaType } from './body-error.js'
import { mediaTypeOf } from './content-type.js'
import { type BodyLimits, resolveLimits } from './limits.js'
import { readMultipartForm } from './read-multipart.js'
import { readUrlEncodedForm } from './read-urlencoded.js'
import type { ParsedForm } from './uploaded-file.js'

/**
 * The submitted form, urlencoded or multipart (chosen by Content-Type), with the limits of
 * {@link readUrlEncoded} and {@link readMultipart}. A request with no body and no Content-Type is
 * an empty form; any other Content-Type answers 415.
 *
 * @example
 * app.post('/login', async (c) => {
 *   const { fields } = await readForm(c)
 *   const user = fields.find(([k]) => k === 'user')?.[1]
 *   return c.text(`hello ${user}`)
 * })
 */
export function readForm(c: Context, limits?: Partial<BodyLimits>): Promise<ParsedForm> {
  const headers = c.req.raw.headers
  const contentType = headers.get('content-type')
  const mediaType = mediaTypeOf(contentType)
  if (mediaType === 'application/x-www-form-urlencoded') return readUrlEncodedForm(c, limits)
  if (mediaType === 'multipart/form-data') return readMultipartForm(c, contentType!, resolveLimits(limits))
  if (mediaType === '' && hasNoBody(headers)) return Promise.resolve({ fields: [], files: [] })
  return Promise.reject(
    unsupportedMediaType(
      contentType ?? undefined,
      'application/x-www-form-urlencoded or multipart/form-data',
    ),
  )
}

// By HTTP framing a request with neither header carries no body (RFC 9112 §6.3).
function hasNoBody(headers: Headers): boolean {
  const length = headers.get('content-length')
  return length === '0' || (length === null && !headers.has('transfer-encoding'))
}
