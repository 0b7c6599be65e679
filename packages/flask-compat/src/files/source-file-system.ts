import { FILE_SOURCE, type FileSource, tryGetContext } from '@bustapi/core'
import { type FileSystem, nodeFileSystem } from './file-system.js'

/** Workers identify themselves this way; they have no file system to read, only the assets binding. */
function onWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'
}

/** A Blob (Bun's file), a stream or a promise of either, as a stream. */
async function streamOf(opened: ReturnType<FileSource['open']>): Promise<ReadableStream<Uint8Array>> {
  const body = await opened
  return body instanceof Blob ? body.stream() : body
}

/**
 * `send_file`'s file access over the file source an adapter puts on the request's env (on
 * Workers, the assets binding): a path under `root` is read as the asset at the same relative path,
 * so an app whose root is the assets directory serves `static/app.css` from `/static/app.css`.
 *
 * @example
 * send_file('static/app.css', { fs: sourceFileSystem(assetsFileSource(env.ASSETS), '/') })
 */
export function sourceFileSystem(source: FileSource, root: string): FileSystem {
  const base = root.endsWith('/') ? root : `${root}/`
  const assetOf = (path: string): string | null =>
    path.startsWith(base) ? path.slice(base.length - 1) : null
  return {
    async stat(path) {
      const asset = assetOf(path)
      const info = asset === null ? undefined : await source.stat(asset)
      if (info === undefined) return null
      return { isFile: !info.isDirectory, size: info.size, mtime: (info.mtime ?? 0) / 1000 }
    },
    open(path, start, end) {
      const asset = assetOf(path)
      if (asset === null) throw new Error(`${path} is outside ${root}.`)
      const opened = streamOf(source.open(asset, { start, end }))
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          reader ??= (await opened).getReader()
          const { value, done } = await reader.read()
          if (done) controller.close()
          else controller.enqueue(value)
        },
        async cancel(reason) {
          await (reader ?? (await opened)).cancel(reason)
        },
      })
    },
    cwd: () => root,
  }
}

/**
 * The file access `send_file` uses when given none: Node's file system (also Bun's and Deno's),
 * or on Workers the file source the adapter put on env (`worker(app)` does with an `ASSETS`
 * binding), rooted at the app's root path.
 */
export function defaultFileSystem(root: string | undefined): FileSystem {
  if (!onWorkers()) return nodeFileSystem
  const env = tryGetContext()?.c.env as Record<symbol, unknown> | undefined
  const source = env?.[FILE_SOURCE] as FileSource | undefined
  return source === undefined ? nodeFileSystem : sourceFileSystem(source, root ?? '/')
}
