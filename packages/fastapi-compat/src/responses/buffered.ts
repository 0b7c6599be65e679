const buffered = new WeakSet<Response>()

/**
 * Marks a response the layer built with its whole body in memory. Such responses are plain
 * `Response` objects (made with the runtime's current `Response`, so `@hono/node-server`'s
 * lightweight class and its direct write path apply), which `instanceof FastAPIResponse` misses.
 *
 * @example
 * return markBuffered(new Response('{}', { headers: { 'content-type': 'application/json' } }))
 */
export function markBuffered(response: Response): Response {
  buffered.add(response)
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
  return buffered.has(response)
}
