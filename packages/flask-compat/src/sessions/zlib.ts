/**
 * zlib (RFC 1950: the `deflate` format with its 2-byte header and Adler-32 trailer) through the
 * Web Streams `CompressionStream`, which Node, Bun, Deno and workerd all provide. Python's
 * `zlib.compress` writes the same format, so itsdangerous payloads round-trip.
 */

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(source).arrayBuffer())
}

/** zlib-compresses bytes (default level, like Python's `zlib.compress`). */
export function zlibCompress(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate'))
}

/** Inflates zlib bytes; rejects on corrupt input. */
export function zlibDecompress(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('deflate'))
}
