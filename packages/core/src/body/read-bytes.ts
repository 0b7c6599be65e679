import type { Context } from 'hono'
import { isHTTPException } from '../http-exception.js'
import { BodyError, tooLarge } from './body-error.js'
import { type BodyLimits, defaultBodyLimits } from './limits.js'
import { BODY_SOURCE, type BodySource } from './source.js'
import { shareWithHono, stateOf } from './state.js'

const EMPTY = new Uint8Array(0)

/**
 * The whole request body as bytes, read at most once per request and never past
 * `limits.maxBodySize`: a larger Content-Length is refused before reading, and a body that
 * streams past the limit (whatever it declared) is cancelled at that point. Both answer 413.
 *
 * @example
 * app.post('/upload', async (c) => c.text(`${(await readBytes(c)).length} bytes`))
 */
export function readBytes(c: Context, limits?: Partial<BodyLimits>): Promise<Uint8Array> {
  const limit = limits?.maxBodySize ?? defaultBodyLimits.maxBodySize
  const state = stateOf(c)
  const cached = state.bytes
  if (cached === undefined) {
    // First read: the loader enforces the limit itself, so no further check (and no extra hop).
    return (state.bytes = state.raw ? Promise.resolve(concat(state.raw)) : loadBytes(c, limit))
  }
  // A cached body read under a larger limit must still respect this caller's limit.
  return cached.then((bytes) => {
    if (bytes.byteLength > limit) throw tooLarge(limit)
    return bytes
  })
}

/** Reads the body once, from Hono's cache, the adapter's source or the Web stream, in that order. */
export function loadBytes(c: Context, limit: number): Promise<Uint8Array> {
  const raw = c.req.raw
  if (hasHonoCache(c)) return c.req.arrayBuffer().then((buffer) => checked(new Uint8Array(buffer), limit))
  if (raw.method === 'GET' || raw.method === 'HEAD') return Promise.resolve(EMPTY)
  const source = sourceOf(c)
  if (source === undefined) return readRequestStream(raw, limit).then((bytes) => shared(c, bytes))
  return readSource(source, limit).then((bytes) =>
    bytes === undefined ? readRequestStream(raw, limit).then((read) => shared(c, read)) : shared(c, bytes),
  )
}

function shared(c: Context, bytes: Uint8Array): Uint8Array {
  shareWithHono(c, bytes)
  return bytes
}

function checked(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.byteLength > limit) throw tooLarge(limit)
  return bytes
}

/** True when Hono's own body methods already consumed the body (their cache holds it). */
export function hasHonoCache(c: Context): boolean {
  for (const _ in c.req.bodyCache) return true
  return false
}

/** The adapter's raw-body reader, when the request came through an adapter that has one. */
export function sourceOf(c: Context): BodySource | undefined {
  const source = (c.env as { [BODY_SOURCE]?: BodySource } | undefined)?.[BODY_SOURCE]
  return typeof source === 'function' ? source : undefined
}

/** The adapter's answer (undefined when it cannot serve), its 413 turned into core's BodyError. */
export function readSource(
  source: BodySource,
  limit: number,
  what?: string,
): Promise<Uint8Array | undefined> {
  let pending: Promise<Uint8Array | undefined>
  try {
    pending = source(limit)
  } catch (error) {
    return Promise.reject(fromSource(error, limit, what))
  }
  // `.then(undefined, f)` rather than `.catch(f)`: the same thing with one call less per request.
  return pending.then(undefined, (error: unknown) => {
    throw fromSource(error, limit, what)
  })
}

function fromSource(error: unknown, limit: number, what: string | undefined): unknown {
  if (error instanceof BodyError || !isHTTPException(error) || error.status !== 413) return error
  const refused = tooLarge(limit, what)
  refused.cause = error
  return refused
}

/**
 * Reads a Request's Web stream up to `limit` bytes. Checks Content-Length first (no read at all
 * when it is over), then counts what actually arrives, since a declared length can lie.
 */
export async function readRequestStream(raw: Request, limit: number, what?: string): Promise<Uint8Array> {
  const stream = openRequestStream(raw, limit, what)
  return stream === null ? EMPTY : readStream(stream, limit, what)
}

/** The body stream, after refusing a declared length over `limit` and a body already consumed. */
export function openRequestStream(
  raw: Request,
  limit: number,
  what?: string,
): ReadableStream<Uint8Array> | null {
  const declared = raw.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit, what)
  if (raw.bodyUsed) {
    throw new Error(
      "The request body was already consumed through request.body; read it only with the body readers (readJson, readBytes...) or Hono's c.req methods.",
    )
  }
  return raw.body
}

/** Collects a byte stream, cancelling it as soon as more than `limit` bytes have arrived. */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  what?: string,
): Promise<Uint8Array> {
  return concat(await pullChunks(stream, limit, what))
}

/**
 * Pulls every chunk of a byte stream, handing each to `onChunk` as it arrives. Stops at the first
 * error (a read failure, a non-byte chunk, more than `limit` bytes, or `onChunk` throwing) and then
 * cancels the stream, so nothing past that point is pulled or kept.
 */
export async function pullChunks(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  what?: string,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<Uint8Array[]> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch (error) {
        throw new BodyError(400, 'malformed', 'The request body could not be read completely.', {
          cause: error,
        })
      }
      if (result.done) break
      const chunk = result.value
      if (!(chunk instanceof Uint8Array)) {
        throw new BodyError(400, 'malformed', 'The request body stream produced something other than bytes.')
      }
      size += chunk.byteLength
      if (size > limit) throw tooLarge(limit, what)
      chunks.push(chunk)
      onChunk?.(chunk)
    }
  } catch (error) {
    reader.cancel().catch(() => {})
    throw error
  }
  reader.releaseLock()
  return chunks
}

/** Joins chunks into one array (the chunk itself when there is only one). */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 0) return EMPTY
  if (chunks.length === 1) return chunks[0]!
  let size = 0
  for (const chunk of chunks) size += chunk.byteLength
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
