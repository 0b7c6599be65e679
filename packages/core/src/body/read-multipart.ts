import { getMultipartBoundary } from '@remix-run/multipart-parser'
import type { Context } from 'hono'
import { BodyError, tooLarge, unsupportedMediaType } from './body-error.js'
import { mediaTypeOf } from './content-type.js'
import { type BodyLimits, resolveLimits } from './limits.js'
import { MultipartCollector, toBodyError } from './multipart-collector.js'
import { concat, hasHonoCache, openRequestStream, pullChunks, readSource, sourceOf } from './read-bytes.js'
import { checkFields } from './read-urlencoded.js'
import { shareWithHono, stateOf } from './state.js'
import type { ParsedForm } from './uploaded-file.js'

type Limits = Readonly<Required<BodyLimits>>

/**
 * The fields and files of a `multipart/form-data` body, parsed once per request as it streams in.
 * Answers 413 past `maxMultipartSize` (`too_large`), `maxParts` (`too_many_parts`), `maxFileSize`
 * for a file (`file_too_large`) or `maxFieldSize` for a text field (`field_too_large`); 400
 * (`malformed`) for a missing boundary or a broken body, (`invalid_encoding`) for a text field
 * that is not UTF-8; 415 for another Content-Type.
 *
 * @example
 * app.post('/upload', async (c) => {
 *   const { fields, files } = await readMultipart(c, { maxFileSize: 5 * 1024 * 1024 })
 *   return c.json({ fields, files: files.map((f) => ({ name: f.filename, size: f.size })) })
 * })
 */
export function readMultipart(c: Context, limits?: Partial<BodyLimits>): Promise<ParsedForm> {
  const contentType = c.req.raw.headers.get('content-type')
  if (mediaTypeOf(contentType) !== 'multipart/form-data') {
    return Promise.reject(unsupportedMediaType(contentType ?? undefined, 'multipart/form-data'))
  }
  return readMultipartForm(c, contentType!, resolveLimits(limits))
}

/** The multipart body as a form, parsed once per request. */
export function readMultipartForm(c: Context, contentType: string, limits: Limits): Promise<ParsedForm> {
  const state = stateOf(c)
  if (state.form !== undefined) return state.form.then((form) => checkFields(form, limits))
  state.form = parse(c, contentType, limits).catch((error: unknown) => {
    throw toBodyError(error, limits)
  })
  return state.form
}

async function parse(c: Context, contentType: string, limits: Limits): Promise<ParsedForm> {
  const boundary = getMultipartBoundary(contentType)
  if (!boundary) {
    throw new BodyError(400, 'malformed', 'The multipart/form-data Content-Type has no boundary parameter.')
  }
  const state = stateOf(c)
  const limit = limits.maxMultipartSize
  const collector = new MultipartCollector(boundary, limits)
  const what = 'Multipart body'

  // Already in memory (another reader, Hono, or the adapter's faster source): parse it at once.
  let bytes: Uint8Array | undefined
  if (state.bytes !== undefined) bytes = await state.bytes
  else if (hasHonoCache(c)) bytes = new Uint8Array(await c.req.arrayBuffer())
  else if (c.req.raw.method !== 'GET' && c.req.raw.method !== 'HEAD') {
    const source = sourceOf(c)
    bytes = source === undefined ? undefined : await readSource(source, limit, what)
    if (bytes !== undefined) {
      state.bytes = Promise.resolve(bytes)
      shareWithHono(c, bytes)
    }
  } else bytes = new Uint8Array(0)
  if (bytes !== undefined) {
    if (bytes.byteLength > limit) throw tooLarge(limit, what)
    collector.write(bytes)
    return collector.finish()
  }

  const stream = openRequestStream(c.req.raw, limit, what)
  if (stream === null) return collector.finish()
  // Chunks are kept so readBytes/Hono can still see the raw body; parts already hold views into them.
  const chunks = await pullChunks(stream, limit, what, (chunk) => collector.write(chunk))
  state.raw = chunks
  shareWithHono(c, () => joinOnce(state))
  return collector.finish()
}

function joinOnce(state: { raw?: readonly Uint8Array[] }): Uint8Array {
  const out = concat(state.raw ?? [])
  state.raw = [out]
  return out
}
