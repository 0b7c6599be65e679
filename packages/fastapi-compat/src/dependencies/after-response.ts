import { isMarkedBuffered } from '../responses/buffered.js'
import { FastAPIResponse } from '../responses/responses.js'
import { FileResponse, StreamingResponse } from '../responses/streaming.js'

/** Whether a response's body is already in memory (a string or bytes given to a response class). */
function isBuffered(response: Response): boolean {
  return (
    // First, so a lightweight response the layer built is not turned into a full one by `body`.
    isMarkedBuffered(response) ||
    response.body === null ||
    (response instanceof FastAPIResponse &&
      !(response instanceof StreamingResponse) &&
      !(response instanceof FileResponse))
  )
}

/**
 * Arranges for `work` (background tasks, then the cleanup of request-scoped dependencies with
 * yield) to run once the response has been sent, as Starlette runs it after the last body chunk.
 * A streamed body is wrapped so that its end, failure or cancellation starts the work; a body
 * already in memory starts it on the next macrotask. Resolves when the work has finished.
 *
 * @example
 * const { response, done } = runAfterBody(res, async () => { await tasks.run() }, false)
 * ctx.waitUntil(done)
 */
export function runAfterBody(
  response: Response,
  work: () => Promise<void>,
  head: boolean,
): { response: Response; done: Promise<void> } {
  let start!: () => void
  const done = new Promise<void>((resolve) => {
    start = resolve
  }).then(work)
  // A HEAD answer's body is never read, and a buffered body is sent in one go.
  if (head || isBuffered(response)) {
    setTimeout(start, 0)
    return { response, done }
  }
  const reader = response.body!.getReader()
  let started = false
  const finish = () => {
    if (started) return
    started = true
    start()
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read()
        if (end) {
          controller.close()
          finish()
        } else controller.enqueue(value)
      } catch (error) {
        controller.error(error)
        finish()
      }
    },
    async cancel(reason) {
      finish()
      await reader.cancel(reason)
    },
  })
  const wrapped = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
  Object.defineProperty(wrapped, STREAMED, { value: true })
  return { response: wrapped, done }
}

/** Marks a response whose body is a stream wrapped by `runAfterBody`. */
export const STREAMED: unique symbol = Symbol.for('bustapi.fastapi.streamed')

/**
 * Whether a response's body is produced over time (so the GZip middleware must not buffer it).
 *
 * @example
 * if (isStreamed(c.res)) compressStream(c.res)
 */
export function isStreamed(response: Response): boolean {
  return (response as { [STREAMED]?: boolean })[STREAMED] === true || !isBuffered(response)
}
