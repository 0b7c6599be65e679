import type { Server } from 'node:http'

/** How a drain ended: every connection finished on its own, or some were cut at the deadline. */
export interface DrainResult {
  forced: boolean
  /** Milliseconds from the start of the drain until the last connection closed. */
  durationMs: number
}

/** How often idle keep-alive connections are closed while in-flight requests finish. */
const IDLE_SWEEP_MS = 25

/**
 * Stops accepting connections, closes idle keep-alive connections, lets requests in flight finish
 * and closes their connections as soon as they go idle; after `timeoutMs` it cuts what remains.
 *
 * @example
 * const { forced } = await drainServer(server, 10_000)
 */
export function drainServer(server: Server, timeoutMs: number): Promise<DrainResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    let forced = false
    // Node closes idle connections when close() is called, but a connection whose response ends
    // later goes back to keep-alive; sweeping closes it then, so the drain ends with the last request.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS)
    const deadline = setTimeout(() => {
      forced = true
      server.closeAllConnections()
    }, timeoutMs)
    server.close(() => {
      clearInterval(sweep)
      clearTimeout(deadline)
      resolve({ forced, durationMs: performance.now() - started })
    })
    server.closeIdleConnections()
  })
}
