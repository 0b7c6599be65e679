type Chunk = string | Uint8Array

const encoder = new TextEncoder()

/**
 * A byte stream pulled from an (async) iterable: one chunk is produced per read, so a slow client
 * slows the producer (back-pressure), and when the client goes away the iterator's `return()`
 * runs, so `finally` blocks in a generator clean up.
 *
 * @example
 * return new Response(iterableToStream(rows()), { headers: { 'content-type': 'text/csv' } })
 */
export function iterableToStream(
  source: Iterable<Chunk> | AsyncIterable<Chunk>,
  options: { signal?: AbortSignal } = {},
): ReadableStream<Uint8Array> {
  const iterator: Iterator<Chunk> | AsyncIterator<Chunk> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()
  let finished = false
  // Not awaited: an async generator parked on an await only runs its `finally` once that await
  // settles, and a disconnect must not wait for it.
  const stop = () => {
    if (finished) return
    finished = true
    Promise.resolve(iterator.return?.()).catch(() => {})
  }
  const onAbort = () => stop()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next()
          if (done || finished) {
            finished = true
            options.signal?.removeEventListener('abort', onAbort)
            controller.close()
            return
          }
          controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
        } catch (error) {
          finished = true
          options.signal?.removeEventListener('abort', onAbort)
          controller.error(error)
        }
      },
      cancel() {
        options.signal?.removeEventListener('abort', onAbort)
        stop()
      },
    },
    { highWaterMark: 0 },
  )
}

/** True for values a handler may return to stream a body: iterables of chunks and streams. */
export function isStreamable(
  value: unknown,
): value is Iterable<Chunk> | AsyncIterable<Chunk> | ReadableStream {
  if (value === null || typeof value !== 'object') return false
  if (value instanceof ReadableStream) return true
  if (Array.isArray(value) || value instanceof Uint8Array) return false
  return (
    Symbol.asyncIterator in value || (Symbol.iterator in value && typeof (value as any).next === 'function')
  )
}
