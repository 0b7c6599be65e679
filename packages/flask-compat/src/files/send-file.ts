import { tryGetContext } from '@bustapi/core'
import { NotFound } from '../exceptions.js'
import { evaluateConditional } from './conditional.js'
import { contentDisposition } from './disposition.js'
import { quoteEtag } from './etags.js'
import type { FileSystem } from './file-system.js'
import { flaskFileDefaults } from './flask-defaults.js'
import { httpDate } from './http-date.js'
import { contentType, guessType } from './mime.js'
import { abspath, basename, joinPath } from './paths.js'
import { safe_join } from './safe-join.js'
import { defaultFileSystem } from './source-file-system.js'

/** What `send_file` can send: a file path, bytes, a Blob, or a stream (no size: no ranges). */
export type FileSource = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>

/** Options of `send_file`, named as Flask names them. */
export interface SendFileOptions {
  mimetype?: string
  as_attachment?: boolean
  download_name?: string
  /** Answer If-None-Match / If-Modified-Since / If-Match / Range. Default true. */
  conditional?: boolean
  /** true: `"<mtime>-<size>-<adler32(path)>"` for paths; a string: that ETag; false: none. */
  etag?: boolean | string
  /** Overrides the file's mtime: a Date or seconds since the epoch. */
  last_modified?: Date | number
  /** Seconds for `Cache-Control: public, max-age=N` and `Expires`; default `no-cache`. */
  max_age?: number | null
  /** The request whose conditional headers are evaluated; default: the current request. */
  request?: Request
  /** Where relative paths start (Flask passes `app.root_path`); default: the current directory. */
  root_path?: string
  /** File access; default: `node:fs` (Node, Bun, Deno). */
  fs?: FileSystem
}

/**
 * zlib's adler32 of the UTF-8 bytes of `text` (werkzeug puts it in file ETags).
 *
 * @example
 * adler32('hello') // 103547413
 */
export function adler32(text: string): number {
  let a = 1
  let b = 0
  for (const byte of new TextEncoder().encode(text)) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

/** Python's `str(float)`: integral values keep a `.0` (`1700000000.0`). */
const pyFloat = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n))

// Headers werkzeug drops from a 304 (its "entity headers", minus Expires and Content-Location)
const NOT_MODIFIED_DROPS = [
  'content-type',
  'content-length',
  'content-range',
  'content-encoding',
  'last-modified',
]

/** The body source after looking at it once: a path with its stat, bytes, a blob, or a stream. */
type Loaded =
  | { kind: 'path'; path: string; size: number; mtime: number }
  | { kind: 'bytes'; bytes: Uint8Array; size: number }
  | { kind: 'blob'; blob: Blob; size: number }
  | { kind: 'stream'; stream: ReadableStream<Uint8Array> }

async function load(source: FileSource, options: SendFileOptions, fs: FileSystem): Promise<Loaded> {
  if (typeof source === 'string') {
    const path = abspath(source, options.root_path ?? fs.cwd())
    const info = await fs.stat(path)
    if (!info?.isFile) throw new NotFound()
    return { kind: 'path', path, size: info.size, mtime: info.mtime }
  }
  if (source instanceof ReadableStream) return { kind: 'stream', stream: source }
  if (source instanceof Blob) return { kind: 'blob', blob: source, size: source.size }
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source)
  return { kind: 'bytes', bytes, size: bytes.length }
}

function bodyOf(loaded: Loaded, start: number, end: number, fs: FileSystem): BodyInit | null {
  switch (loaded.kind) {
    case 'path':
      return loaded.size === 0 ? null : fs.open(loaded.path, start, end)
    case 'bytes':
      return loaded.bytes.subarray(start, end + 1) as Uint8Array<ArrayBuffer>
    case 'blob':
      return start === 0 && end === loaded.size - 1 ? loaded.blob : loaded.blob.slice(start, end + 1)
    case 'stream':
      return loaded.stream
  }
}

function describe(headers: Headers, loaded: Loaded, options: SendFileOptions): void {
  const path = loaded.kind === 'path' ? loaded.path : undefined
  const downloadName = options.download_name ?? (path !== undefined ? basename(path) : undefined)
  let mimetype = options.mimetype
  if (mimetype === undefined) {
    if (downloadName === undefined) {
      throw new TypeError(
        "Unable to detect the MIME type because a file name is not available. Either set 'download_name', pass a path instead of a file, or set 'mimetype'.",
      )
    }
    const guess = guessType(downloadName)
    mimetype = guess.mimetype ?? 'application/octet-stream'
    // an encoding on an attachment makes browsers save a decompressed .tar.gz
    if (guess.encoding !== undefined && !options.as_attachment)
      headers.set('content-encoding', guess.encoding)
  }
  if (downloadName !== undefined) {
    headers.set('content-disposition', contentDisposition(downloadName, options.as_attachment === true))
  } else if (options.as_attachment) {
    throw new TypeError(
      "No name provided for attachment. Either set 'download_name' or pass a path instead of a file.",
    )
  }
  headers.set('content-type', contentType(mimetype))
}

function cacheHeaders(headers: Headers, loaded: Loaded, options: SendFileOptions): number | undefined {
  const { last_modified } = options
  const mtime = loaded.kind === 'path' ? loaded.mtime : undefined
  const lastModified =
    last_modified instanceof Date ? last_modified.getTime() / 1000 : (last_modified ?? mtime)
  if (lastModified !== undefined) headers.set('last-modified', httpDate(lastModified))
  const maxAge = options.max_age ?? null
  if (maxAge === null) headers.set('cache-control', 'no-cache')
  else {
    headers.set('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : `no-cache, max-age=${maxAge}`)
    headers.set('expires', httpDate(Date.now() / 1000 + maxAge))
  }
  const etag = options.etag ?? true
  if (typeof etag === 'string') headers.set('etag', quoteEtag(etag))
  else if (etag && loaded.kind === 'path') {
    headers.set('etag', `"${pyFloat(loaded.mtime)}-${loaded.size}-${adler32(loaded.path)}"`)
  }
  return lastModified
}

/** Fills root_path, max_age and request from the current Flask app where the caller left them out. */
function withFlaskDefaults(source: FileSource, options: SendFileOptions): SendFileOptions {
  const defaults = flaskFileDefaults(typeof source === 'string' ? source : options.download_name)
  if (defaults.root_path === undefined && defaults.request === undefined && defaults.max_age == null)
    return options
  const merged = { ...options }
  if (merged.root_path === undefined && defaults.root_path !== undefined)
    merged.root_path = defaults.root_path
  if (merged.request === undefined && defaults.request !== undefined) merged.request = defaults.request
  if (merged.max_age === undefined && defaults.max_age != null) merged.max_age = defaults.max_age
  return merged
}

/**
 * Sends a file as Flask's `send_file` does: mimetype (and Content-Encoding) from the name,
 * `Content-Disposition`, werkzeug's ETag (`"<mtime>-<size>-<adler32 of path>"`), Last-Modified,
 * `no-cache` or `max_age`, and for the current request 304, 412, 206 ranges and 416.
 * A missing path throws `NotFound`. Inside a Flask app, relative paths start at `app.root_path`
 * and `max_age` defaults to `SEND_FILE_MAX_AGE_DEFAULT`.
 *
 * @example
 * app.get('/report', () => send_file('reports/q1.pdf', { as_attachment: true }))
 */
export async function send_file(source: FileSource, given: SendFileOptions = {}): Promise<Response> {
  const options = withFlaskDefaults(source, given)
  const fs = options.fs ?? defaultFileSystem(options.root_path)
  // Looked up before the first await: a plain view's request context ends when it returns.
  const request = options.request ?? (tryGetContext()?.c.req as { raw?: Request } | undefined)?.raw
  const loaded = await load(source, options, fs)
  const headers = new Headers()
  try {
    describe(headers, loaded, options)
  } catch (error) {
    if (loaded.kind === 'stream') await loaded.stream.cancel()
    throw error
  }
  const lastModified = cacheHeaders(headers, loaded, options)
  const size = loaded.kind === 'stream' ? undefined : loaded.size
  if (size !== undefined) headers.set('content-length', String(size))

  let status = 200
  let start = 0
  let end = (size ?? 0) - 1
  if (options.conditional !== false && request && (request.method === 'GET' || request.method === 'HEAD')) {
    if (!headers.has('date')) headers.set('date', httpDate(Date.now() / 1000))
    const result = evaluateConditional(request, {
      etag: headers.get('etag') ?? undefined,
      lastModified,
      size,
    })
    status = result.status
    if (result.status === 206) {
      start = result.start
      end = result.end
      headers.set('content-length', String(end - start + 1))
      headers.set('accept-ranges', 'bytes')
      headers.set('content-range', `bytes ${start}-${end}/${size}`)
    }
  }
  if (status === 304) {
    for (const name of NOT_MODIFIED_DROPS) headers.delete(name)
    if (loaded.kind === 'stream') await loaded.stream.cancel()
    return new Response(null, { status, headers })
  }
  if (request?.method === 'HEAD') {
    if (loaded.kind === 'stream') await loaded.stream.cancel()
    return new Response(null, { status, headers })
  }
  return new Response(bodyOf(loaded, start, end, fs), { status, headers })
}

/**
 * Sends `path` from inside `directory` (Flask's `send_from_directory`): the path is joined with
 * `safe_join`, so `../`, absolute paths, backslashes and NUL bytes give `NotFound` (404),
 * as does a missing file or a directory.
 *
 * @example
 * app.get('/uploads/<path:name>', ({ name }) => send_from_directory('uploads', name))
 */
export async function send_from_directory(
  directory: string,
  path: string,
  given: SendFileOptions = {},
): Promise<Response> {
  const joined = safe_join(directory, path)
  if (joined === null) throw new NotFound()
  const options = withFlaskDefaults(joined, given)
  const fs = options.fs ?? defaultFileSystem(options.root_path)
  const full = abspath(joinPath(options.root_path ?? fs.cwd(), joined), '/')
  const info = await fs.stat(full)
  if (!info?.isFile) throw new NotFound()
  // The file access chosen here, before the await above (it may come from the request's env).
  return send_file(full, options.fs === fs ? options : { ...options, fs })
}
