/**
 * The file access `send_file` needs, injectable so the package stays runtime-free: Node, Bun and
 * Deno use the default over `node:fs` (loaded on first use); Workers pass their own or none.
 */

/** What `send_file` learns of a path. */
export interface FileStat {
  isFile: boolean
  size: number
  /** Seconds since the epoch, as Python's `st_mtime` computes them (`sec + nsec * 1e-9`). */
  mtime: number
}

/** File access for `send_file`: stat a path and stream a byte span of it. */
export interface FileSystem {
  /** null when the path does not exist or cannot be read. */
  stat(path: string): Promise<FileStat | null>
  /** The bytes `[start, end]` (inclusive) of the file, read lazily as the stream is pulled. */
  open(path: string, start: number, end: number): ReadableStream<Uint8Array>
  /** The current directory that relative paths resolve against. */
  cwd(): string
}

type NodeFs = typeof import('node:fs/promises')

const CHUNK = 64 * 1024
let nodeFs: Promise<NodeFs> | undefined

function loadNodeFs(): Promise<NodeFs> {
  nodeFs ??= import('node:fs/promises')
  return nodeFs
}

/** A pull stream over a file handle: reads only when the consumer asks, closes on end or cancel. */
function readSpan(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<NodeFs['open']>> | undefined
  let position = start
  const close = async () => {
    const h = handle
    handle = undefined
    await h?.close()
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        handle ??= await (await loadNodeFs()).open(path, 'r')
        const want = Math.min(CHUNK, end - position + 1)
        if (want <= 0) {
          await close()
          controller.close()
          return
        }
        const buffer = new Uint8Array(want)
        const { bytesRead } = await handle.read(buffer, 0, want, position)
        if (bytesRead === 0) {
          await close()
          controller.close()
          return
        }
        position += bytesRead
        controller.enqueue(bytesRead === want ? buffer : buffer.subarray(0, bytesRead))
      } catch (error) {
        await close().catch(() => undefined)
        controller.error(error)
      }
    },
    cancel: close,
  })
}

/**
 * The default file system over `node:fs/promises` (Node, Bun, Deno).
 *
 * @example
 * await send_file('a.txt', { fs: nodeFileSystem })
 */
export const nodeFileSystem: FileSystem = {
  async stat(path) {
    try {
      const info = await (await loadNodeFs()).stat(path, { bigint: true })
      const ns = info.mtimeNs
      return {
        isFile: info.isFile(),
        size: Number(info.size),
        mtime: Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) * 1e-9,
      }
    } catch {
      return null
    }
  },
  open: readSpan,
  cwd: () => (globalThis as { process?: { cwd(): string } }).process?.cwd() ?? '/',
}
