import type { Context, MiddlewareHandler } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { deriveEtag, evaluateStatic } from './conditional.js'
import { FILE_SOURCE, type FileInfo, type FileSource } from './file-source.js'
import { joinRoot, safeRelativePath } from './safe-path.js'

/** Options of `serveStatic`. */
export interface ServeStaticOptions {
  /** The folder served (a directory on Node/Bun/Deno, a path inside the assets on Workers). */
  root: string
  /** The URL path the files live under, stripped before lookup, e.g. `/static`. Default none. */
  prefix?: string
  /** The file answered for a directory, or false to answer 404. Default `index.html`. */
  index?: string | false
  /** Seconds for `Cache-Control: public, max-age=N`; no header when absent. */
  maxAge?: number
  /** Serve names starting with a dot (`.env`, `.git/`). Default false: they are 404. */
  dotfiles?: boolean
  /** Where files come from; default the adapter's source on `env` (`FILE_SOURCE`). */
  source?: FileSource | ((c: Context) => FileSource | undefined)
}

const NO_SOURCE =
  'serveStatic has no file source: serve the app with @bustapi/adapters (node, bun, deno, or worker() on ' +
  'Workers with an ASSETS binding), or pass `source` (e.g. nodeFileSource from @bustapi/adapters/node).'

/** The path part of a request URL, still percent-encoded (Hono's `c.req.path` decodes it). */
function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3)
  if (start === -1) return '/'
  let end = url.length
  for (let i = start; i < url.length; i++) {
    const ch = url.charCodeAt(i)
    if (ch === 63 /* ? */ || ch === 35 /* # */) {
      end = i
      break
    }
  }
  return url.slice(start, end)
}

/**
 * Serves files below `root`, streamed, with `ETag`/`Last-Modified` validators (304), single byte
 * ranges (206, 416 `bytes *\/size`), HEAD without a body and an index file for directories. Paths
 * that could leave the root (`..`, encoded `/` or `\`, NUL, absolute) and misses fall through to
 * the next handler, so the app answers them (404 by default). Only GET and HEAD are served.
 *
 * @example
 * app.use('/static/*', serveStatic({ root: 'public', prefix: '/static', maxAge: 3600 }))
 * app.get('*', serveStatic({ root: 'dist' }))
 */
export function serveStatic(options: ServeStaticOptions): MiddlewareHandler {
  const root = options.root
  const prefix = (options.prefix ?? '').replace(/\/+$/, '')
  const index = options.index ?? 'index.html'
  const dotfiles = options.dotfiles ?? false
  const cacheControl =
    options.maxAge === undefined ? undefined : `public, max-age=${Math.floor(options.maxAge)}`
  const fixed = typeof options.source === 'function' ? undefined : options.source
  const pick = typeof options.source === 'function' ? options.source : undefined

  const sourceOf = (c: Context): FileSource => {
    const source = fixed ?? pick?.(c) ?? (c.env as { [FILE_SOURCE]?: FileSource } | undefined)?.[FILE_SOURCE]
    if (source === undefined) throw new Error(NO_SOURCE)
    return source
  }

  return async function serveStatic(c, next) {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') return next()
    const relative = safeRelativePath(rawPath(c.req.url), prefix, dotfiles)
    if (relative === undefined) return next()
    const source = sourceOf(c)
    let path = joinRoot(root, relative)
    let info: FileInfo | undefined =
      relative === '' || relative.endsWith('/') ? { isDirectory: true, size: 0 } : await source.stat(path)
    if (info?.isDirectory) {
      if (index === false) return next()
      path = joinRoot(path.endsWith('/') || path === '' ? path : `${path}/`, index)
      info = await source.stat(path)
    }
    if (info === undefined || info.isDirectory) return next()
    return respond(c.req.raw, source, path, info, cacheControl)
  }
}

async function respond(
  request: Request,
  source: FileSource,
  path: string,
  info: FileInfo,
  cacheControl: string | undefined,
): Promise<Response> {
  const { size, mtime } = info
  const etag = info.etag ?? deriveEtag(size, mtime)
  const headers: Record<string, string> = { etag, 'accept-ranges': 'bytes' }
  if (mtime !== undefined) headers['last-modified'] = new Date(mtime).toUTCString()
  if (cacheControl !== undefined) headers['cache-control'] = cacheControl
  const outcome = evaluateStatic(request.headers, { etag, size, mtime })
  if (outcome.status === 304) return new Response(null, { status: 304, headers })
  if (outcome.status === 416) {
    headers['content-range'] = `bytes */${size}`
    return new Response(null, { status: 416, headers })
  }
  headers['content-type'] = getMimeType(path) ?? 'application/octet-stream'
  const head = request.method === 'HEAD'
  if (outcome.status === 206) {
    const { start, end } = outcome.span
    headers['content-range'] = `bytes ${start}-${end}/${size}`
    headers['content-length'] = String(end - start + 1)
    return new Response(head ? null : await source.open(path, outcome.span), { status: 206, headers })
  }
  headers['content-length'] = String(size)
  // An empty file needs no stream (some runtimes would send it chunked).
  return new Response(head || size === 0 ? null : await source.open(path), { status: 200, headers })
}
