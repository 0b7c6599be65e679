// A symbol property rather than a WeakSet: one store on the object, no ephemeron table to grow.
const BUFFERED: unique symbol = Symbol('bustapi.fastapi.buffered')

type Marked = Response & { [BUFFERED]?: true }

/**
 * Marks a response the layer built with its whole body in memory. Such responses are plain
 * `Response` objects (made with the runtime's current `Response`, so `@hono/node-server`'s
 * lightweight class and its direct write path apply), which `instanceof FastAPIResponse` misses.
 *
 * @example
 * return markBuffered(new Response('{}', { headers: { 'content-type': 'application/json' } }))
 */
export function markBuffered(response: Response): Response {
  ;(response as Marked)[BUFFERED] = true
  return response
}

/**
 * Whether the layer built `response` with its body in memory (checked without reading `body`,
 * which would turn a lightweight response into a full one).
 *
 * @example
 * if (isMarkedBuffered(res)) runNow()
 */
export function isMarkedBuffered(response: Response): boolean {
  return (response as Marked)[BUFFERED] === true
}
