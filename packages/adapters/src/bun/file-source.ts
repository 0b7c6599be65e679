import type { FileSource } from '@bustapi/core'

/** The slice of `Bun.file` this source uses (kept local so Node's types need no bun-types). */
interface BunFile extends Blob {
  stat(): Promise<{ isDirectory(): boolean; isFile(): boolean; size: number; mtimeMs: number }>
}
interface BunFiles {
  file(path: string): BunFile
}

const bun = () => (globalThis as unknown as { Bun: BunFiles }).Bun

/**
 * Files through `Bun.file`, for `serveStatic` on Bun. It hands Bun the file itself (a Blob), so
 * Bun sends it without copying it through JavaScript. The Bun adapter puts it on every request's env.
 *
 * @example
 * app.use('/static/*', serveStatic({ root: 'public', prefix: '/static', source: bunFileSource }))
 */
export const bunFileSource: FileSource = {
  async stat(path) {
    try {
      const info = await bun().file(path).stat()
      if (!info.isFile() && !info.isDirectory()) return undefined
      return { isDirectory: info.isDirectory(), size: info.size, mtime: info.mtimeMs }
    } catch {
      return undefined
    }
  },
  open(path, range) {
    const file = bun().file(path)
    return range === undefined ? file : file.slice(range.start, range.end + 1)
  },
}
