import { type FileHandle, open, stat } from 'node:fs/promises'
import type { ByteSpan, FileSource } from '@bustapi/core'

const CHUNK = 64 * 1024

/** A pull stream over an open handle: reads a chunk only when asked, closes on end or cancel. */
function readHandle(handle: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await handle.close()
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const want = Math.min(CHUNK, end - position + 1)
        const buffer = want > 0 ? new Uint8Array(want) : undefined
        const read = buffer === undefined ? 0 : (await handle.read(buffer, 0, want, position)).bytesRead
        if (read === 0 || buffer === undefined) {
          await close()
          controller.close()
          return
        }
        position += read
        controller.enqueue(read === want ? buffer : buffer.subarray(0, read))
      } catch (error) {
        await close().catch(() => undefined)
        controller.error(error)
      }
    },
    cancel: close,
  })
}

/**
 * Files from the disk through `node:fs/promises`, for `serveStatic` on Node (the Node adapter puts
 * it on every request's env; pass it as `source` when calling `app.fetch` yourself).
 *
 * @example
 * app.use('/static/*', serveStatic({ root: 'public', prefix: '/static', source: nodeFileSource }))
 */
export const nodeFileSource: FileSource = {
  async stat(path) {
    try {
      const info = await stat(path)
      // Sockets, FIFOs and devices are not files to serve.
      if (!info.isFile() && !info.isDirectory()) return undefined
      return { isDirectory: info.isDirectory(), size: info.size, mtime: info.mtimeMs }
    } catch {
      return undefined
    }
  },
  async open(path, range?: ByteSpan) {
    // Opened before the response starts, so a file that vanished since stat() is a 500, not a cut body.
    const handle = await open(path, 'r')
    return readHandle(handle, range?.start ?? 0, range?.end ?? Number.MAX_SAFE_INTEGER)
  },
}
