import { FastAPIResponse, type ResponseInit } from './responses.js'

type Chunk = string | Uint8Array
type Source = ReadableStream<Chunk> | AsyncIterable<Chunk> | Iterable<Chunk>

function toStream(source: Source): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
      : (source as Iterable<Chunk>)[Symbol.iterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

/**
 * A response streamed from an async iterable, an iterable or a ReadableStream.
 * @example
 * async function* fake() { for (let i = 0; i < 3; i++) yield `part ${i}\n` }
 * return new StreamingResponse(fake(), { media_type: 'text/plain' })
 */
export class StreamingResponse extends FastAPIResponse {
  constructor(content: Source, init?: ResponseInit | number) {
    const body = content instanceof ReadableStream ? content : toStream(content)
    super(body as ReadableStream<Uint8Array>, init)
  }
}

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

/** The file's size and mtime where the runtime has a synchronous `fs` (Node, Bun, Deno); else none. */
function statOf(path: string): Stat | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule
  const fs = get?.('node:fs') as
    | { statSync(p: string, o: { throwIfNoEntry: false }): Stat | undefined }
    | undefined
  try {
    return fs?.statSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/**
 * A file from disk (Node's `fs`, loaded only when the body is read, so edge bundles without a
 * file system still load this module).
 * @example
 * return new FileResponse('large-video-file.mp4')
 */
export class FileResponse extends FastAPIResponse {
  constructor(path: string, options: (ResponseInit & { filename?: string }) | number = {}) {
    const init = typeof options === 'number' ? { status_code: options } : options
    const ext = path.split('.').pop()?.toLowerCase() ?? ''
    const headers = new Headers(init.headers)
    if (init.filename !== undefined) {
      headers.set('content-disposition', `attachment; filename="${encodeURIComponent(init.filename)}"`)
    }
    let handle: AsyncIterator<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (handle === undefined) {
          const fs = await import('node:fs')
          handle = fs.createReadStream(path)[Symbol.asyncIterator]()
        }
        const { value, done } = await handle.next()
        if (done) controller.close()
        else controller.enqueue(new Uint8Array(value))
      },
      async cancel() {
        await handle?.return?.()
      },
    })
    const stat = statOf(path)
    if (stat) {
      if (!headers.has('content-length')) headers.set('content-length', String(stat.size))
      if (!headers.has('last-modified')) headers.set('last-modified', stat.mtime.toUTCString())
      // Starlette's ETag is derived from mtime and size too: it changes when the file does.
      if (!headers.has('etag'))
        headers.set('etag', `"${stat.mtimeMs.toString(16)}-${stat.size.toString(16)}"`)
    }
    super(body, { ...init, headers, media_type: init.media_type ?? TYPES[ext] ?? 'application/octet-stream' })
  }
}
