import type { FileSource } from '@bustapi/core'

/** The slice of Deno's file API this source uses (kept local so Node's types need no Deno types). */
interface DenoFile {
  readonly readable: ReadableStream<Uint8Array>
  read(buffer: Uint8Array): Promise<number | null>
  seek(offset: number, whence: 0): Promise<number>
  close(): void
}
interface DenoFiles {
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number; mtime: Date | null }>
  open(path: string, options: { read: true }): Promise<DenoFile>
}

const CHUNK = 64 * 1024
const deno = () => (globalThis as unknown as { Deno: DenoFiles }).Deno

/** `length` bytes from the file's current position, read as pulled; closes the file at the end. */
function readSpan(file: DenoFile, length: number): ReadableStream<Uint8Array> {
  let left = length
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    file.close()
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(Math.min(CHUNK, left))
        const read = left > 0 ? await file.read(buffer) : null
        if (read === null || read === 0) {
          close()
          controller.close()
          return
        }
        left -= read
        controller.enqueue(read === buffer.length ? buffer : buffer.subarray(0, read))
      } catch (error) {
        close()
        controller.error(error)
      }
    },
    cancel: close,
  })
}

/**
 * Files through `Deno.stat`/`Deno.open`, for `serveStatic` on Deno (needs `--allow-read`). The
 * Deno adapter puts it on every request's env.
 *
 * @example
 * app.use('/static/*', serveStatic({ root: 'public', prefix: '/static', source: denoFileSource }))
 */
export const denoFileSource: FileSource = {
  async stat(path) {
    try {
      const info = await deno().stat(path)
      if (!info.isFile && !info.isDirectory) return undefined
      return { isDirectory: info.isDirectory, size: info.size, mtime: info.mtime?.getTime() }
    } catch {
      return undefined
    }
  },
  async open(path, range) {
    const file = await deno().open(path, { read: true })
    // Deno's own stream closes the file when it ends; a span needs a bounded reader.
    if (range === undefined) return file.readable
    await file.seek(range.start, 0)
    return readSpan(file, range.end - range.start + 1)
  },
}
