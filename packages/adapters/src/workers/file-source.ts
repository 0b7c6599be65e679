import type { Context, FileInfo, FileSource } from '@bustapi/core'

/** A static-assets binding (`env.ASSETS`), or any fetcher serving files by URL path. */
export interface AssetsFetcher {
  fetch(request: Request): Promise<Response>
}

const ORIGIN = 'http://assets.local'

/** The URL of a `/`-separated path, each segment percent-encoded again. */
function urlOf(path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`
  return ORIGIN + clean.split('/').map(encodeURIComponent).join('/')
}

/** Drops the first `skip` bytes and ends after `length` more (for a fetcher that ignored Range). */
function slice(body: ReadableStream<Uint8Array>, skip: number, length: number): ReadableStream<Uint8Array> {
  let offset = 0
  let sent = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const from = Math.max(0, skip - offset)
        offset += chunk.length
        if (from >= chunk.length || sent >= length) return
        const part = chunk.subarray(from, from + (length - sent))
        sent += part.length
        controller.enqueue(part)
      },
    }),
  )
}

function infoOf(res: Response): FileInfo | undefined {
  // Cloudflare's assets redirect a directory to its slash form; workerd's disk service lists it.
  if (res.status >= 300 && res.status < 400) return { isDirectory: true, size: 0 }
  if (res.status !== 200) return undefined
  const length = res.headers.get('content-length')
  if (length === null && res.headers.get('content-type') === 'application/json')
    return { isDirectory: true, size: 0 }
  if (length === null) return undefined
  const modified = res.headers.get('last-modified')
  const mtime = modified === null ? Number.NaN : Date.parse(modified)
  return {
    isDirectory: false,
    size: Number(length),
    mtime: Number.isNaN(mtime) ? undefined : mtime,
    etag: res.headers.get('etag') ?? undefined,
  }
}

/**
 * Files served by an assets binding (or a service binding to a workerd disk directory), for
 * `serveStatic` on Workers: `stat` is a HEAD, `open` a GET with `Range`. `worker(app)` puts one on
 * env by itself when the Worker has an `ASSETS` binding.
 *
 * @example
 * app.use(serveStatic({ root: '/', source: (c) => assetsFileSource(c.env.ASSETS) }))
 */
export function assetsFileSource(binding: AssetsFetcher): FileSource {
  return {
    async stat(path) {
      const res = await binding.fetch(new Request(urlOf(path), { method: 'HEAD', redirect: 'manual' }))
      await res.body?.cancel()
      return infoOf(res)
    },
    async open(path, range) {
      const headers = range === undefined ? undefined : { range: `bytes=${range.start}-${range.end}` }
      const res = await binding.fetch(new Request(urlOf(path), headers === undefined ? {} : { headers }))
      if (res.body === null || (res.status !== 200 && res.status !== 206))
        throw new Error(`The assets binding answered ${res.status} for ${path}.`)
      if (range === undefined || res.status === 206) return res.body
      return slice(res.body, range.start, range.end - range.start + 1)
    },
  }
}

const sources = new WeakMap<AssetsFetcher, FileSource>()

/**
 * The file source over the env binding named `binding` (default `ASSETS`), made once per binding:
 * what to pass as `serveStatic`'s `source` when the module exports the app itself.
 *
 * @example
 * app.use('/static/*', serveStatic({ root: '/', prefix: '/static', source: assetsSource() }))
 * export default app
 */
export function assetsSource(binding = 'ASSETS'): (c: Context<any>) => FileSource | undefined {
  return (c) => fileSourceOn(c.env, binding)
}

/** The cached file source over `env[binding]`, or undefined when the env has no such fetcher. */
export function fileSourceOn(env: unknown, binding: string): FileSource | undefined {
  const fetcher = (env as Record<string, AssetsFetcher | undefined> | undefined)?.[binding]
  if (typeof fetcher?.fetch !== 'function') return undefined
  let source = sources.get(fetcher)
  if (source === undefined) sources.set(fetcher, (source = assetsFileSource(fetcher)))
  return source
}
