/**
 * What `serveStatic` knows of a path: enough to answer validators and ranges without reading it.
 */
export interface FileInfo {
  /** True for a directory (then `serveStatic` looks for its index file). */
  isDirectory: boolean
  /** Size in bytes. */
  size: number
  /** Last modification, in milliseconds since the epoch, when the source knows it. */
  mtime?: number | undefined
  /** A quoted entity tag the source already has (an assets binding's); else one is derived. */
  etag?: string | undefined
}

/** An inclusive byte span, as `Range: bytes=start-end` names it. */
export interface ByteSpan {
  start: number
  end: number
}

/**
 * File access for `serveStatic`, supplied per runtime so core stays runtime-free: the adapters
 * bring `node:fs/promises` (Node), `Bun.file` (Bun), `Deno.open` (Deno) and the assets binding
 * (Workers). Paths are the root joined with the checked request path, `/`-separated.
 *
 * @example
 * const memory: FileSource = {
 *   stat: async (path) => (path === 'public/a.txt' ? { isDirectory: false, size: 2 } : undefined),
 *   open: () => new Blob(['hi']).stream(),
 * }
 */
export interface FileSource {
  /** What the path is, or undefined when it does not exist or cannot be read. */
  stat(path: string): Promise<FileInfo | undefined>
  /**
   * The file's bytes (only `range` when given), read as the consumer pulls. A `Blob` (Bun's file)
   * is accepted too: the runtime may then send it without copying.
   */
  open(
    path: string,
    range?: ByteSpan,
  ): ReadableStream<Uint8Array> | Blob | Promise<ReadableStream<Uint8Array> | Blob>
}

/**
 * Where an adapter puts its file source on the `env` it passes to `app.fetch` (as `BODY_SOURCE`
 * is for bodies). `serveStatic` uses it unless given a `source` option.
 *
 * @example
 * app.fetch(request, { [FILE_SOURCE]: myFileSource })
 */
export const FILE_SOURCE: unique symbol = Symbol.for('bustapi.file-source')
