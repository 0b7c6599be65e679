import { type ByteRange, multipartLength, parseRange, partHeader } from './byte-ranges.js'
import { FastAPIResponse, PlainTextResponse, type ResponseInit } from './responses.js'

const TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
}

type Stat = { size: number; mtime: Date; mtimeMs: number }
type ReadStream = AsyncIterable<Uint8Array> & { destroy(): void }
type Fs = {
  statSync(p: string, o: { throwIfNoEntry: false }): Stat | undefined
  createReadStream(p: string, o?: { start?: number; end?: number }): ReadStream
}

/** Node's `fs` where the runtime has it synchronously (Node, Bun, Deno); else none (workers). */
function nodeFs(): Fs | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule
  return get?.('node:fs') as Fs | undefined
}

function statOf(path: string): Stat | undefined {
  try {
    return nodeFs()?.statSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/** Opens a file's bytes in `[start, end)` (the whole file without a range). */
function openSlice(path: string, range: ByteRange | undefined): ReadStream {
  const fs = nodeFs()
  if (fs === undefined)
    throw new Error('FileResponse needs a file system (node:fs), which this runtime lacks.')
  return fs.createReadStream(path, range ? { start: range[0], end: range[1] - 1 } : {})
}

/** A pull-based body over a sequence of byte strings and file slices, read one chunk at a time. */
function bodyOf(parts: Array<string | ByteRange | undefined>, path: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let index = 0
  let current: AsyncIterator<Uint8Array> | undefined
  let stream: ReadStream | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (current !== undefined) {
            const { value, done } = await current.next()
            if (!done) return controller.enqueue(new Uint8Array(value))
            current = undefined
            stream = undefined
          }
          if (index >= parts.length) return controller.close()
          const part = parts[index++]
          if (typeof part === 'string') return controller.enqueue(encoder.encode(part))
          stream = openSlice(path, part)
          current = stream[Symbol.asyncIterator]()
        }
      },
      cancel() {
        stream?.destroy()
      },
    },
    { highWaterMark: 0 },
  )
}

/** Python's `urllib.parse.quote` (safe `/`), for `filename*=`. */
function quote(name: string): string {
  return encodeURIComponent(name)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%2F', '/')
}

function boundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(13))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** FileResponse's keywords beyond a Response's. */
export interface FileResponseInit extends ResponseInit {
  filename?: string
  /** `attachment` (default) or `inline`. */
  content_disposition_type?: string
}

/**
 * A file from disk, read only when the body is (edge bundles without a file system still load
 * this module). Answers `Range` requests as Starlette does: `Accept-Ranges: bytes`, 206 with
 * `Content-Range` for one range, `multipart/byteranges` for several, 416 when unsatisfiable,
 * and `If-Range` against its ETag or Last-Modified.
 *
 * @example
 * return new FileResponse('large-video-file.mp4')
 */
export class FileResponse extends FastAPIResponse {
  readonly path: string
  readonly #size: number | undefined
  readonly #init: FileResponseInit

  constructor(path: string, options: FileResponseInit | number = {}) {
    const init = typeof options === 'number' ? { status_code: options } : options
    const guessed = (init.filename ?? path).split('.').pop()?.toLowerCase() ?? ''
    const headers = new Headers(init.headers)
    if (!headers.has('accept-ranges')) headers.set('accept-ranges', 'bytes')
    if (init.filename !== undefined && !headers.has('content-disposition')) {
      const type = init.content_disposition_type ?? 'attachment'
      const quoted = quote(init.filename)
      headers.set(
        'content-disposition',
        quoted === init.filename
          ? `${type}; filename="${init.filename}"`
          : `${type}; filename*=utf-8''${quoted}`,
      )
    }
    const stat = statOf(path)
    if (stat) {
      if (!headers.has('content-length')) headers.set('content-length', String(stat.size))
      if (!headers.has('last-modified')) headers.set('last-modified', stat.mtime.toUTCString())
      // Like Starlette's, the ETag is derived from mtime and size: it changes when the file does.
      if (!headers.has('etag'))
        headers.set('etag', `"${stat.mtimeMs.toString(16)}-${stat.size.toString(16)}"`)
    }
    const media_type = init.media_type ?? TYPES[guessed] ?? 'application/octet-stream'
    super(bodyOf([undefined], path), { ...init, headers, media_type })
    this.path = path
    this.#size = stat?.size
    this.#init = { ...init, media_type }
  }

  /**
   * The answer to `request`: this response, or for a `Range` request the 206/416/400 Starlette
   * would send. Called by the route before the response goes out.
   *
   * @example
   * const res = new FileResponse('video.mp4').forRequest(request)
   */
  forRequest(request: Request): Response {
    const header = request.headers.get('range')
    const size = this.#size
    // Only a successful answer is cut into ranges (Starlette leaves a 404 file page whole).
    if (header === null || size === undefined || this.status < 200 || this.status > 299) return this
    const ifRange = request.headers.get('if-range')
    if (
      ifRange !== null &&
      ifRange !== this.headers.get('etag') &&
      ifRange !== this.headers.get('last-modified')
    )
      return this
    const asked = parseRange(header, size)
    switch (asked.kind) {
      case 'whole':
        return this
      case 'malformed':
        return new PlainTextResponse(asked.message, { status_code: 400 })
      case 'unsatisfiable':
        return new PlainTextResponse(null, {
          status_code: 416,
          headers: { 'content-range': `bytes */${size}` },
        })
    }
    const headers = new Headers(this.headers)
    const init = { ...this.#init, status_code: 206, headers }
    if (asked.ranges.length === 1) {
      const [range] = asked.ranges as [ByteRange]
      headers.set('content-range', `bytes ${range[0]}-${range[1] - 1}/${size}`)
      headers.set('content-length', String(range[1] - range[0]))
      return new FastAPIResponse(bodyOf([range], this.path), init)
    }
    const mark = boundary()
    const type = this.headers.get('content-type') ?? 'application/octet-stream'
    headers.set('content-type', `multipart/byteranges; boundary=${mark}`)
    headers.set('content-length', String(multipartLength(mark, type, asked.ranges, size)))
    const parts: Array<string | ByteRange> = []
    for (const range of asked.ranges) parts.push(partHeader(mark, type, range, size), range, '\r\n')
    parts.push(`--${mark}--`)
    return new FastAPIResponse(bodyOf(parts, this.path), { ...init, media_type: undefined })
  }
}
