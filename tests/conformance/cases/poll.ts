import type { Target } from '../types.js'

/**
 * What the server recorded under `id`, polled until `done` holds (cleanup runs on the server's own
 * schedule after a client leaves).
 *
 * @example
 * const seen = await pollSeen(t, 'x', (s) => s.cleanedUp === true)
 */
export async function pollSeen(
  t: Target,
  id: string,
  done: (seen: Record<string, unknown>) => boolean,
  timeoutMs = 4_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const seen = (await (await t.fetch(`/seen/${id}`)).json()) as Record<string, unknown>
    if (done(seen) || Date.now() > until) return seen
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

let counter = 0
/** A fresh id for one case run. */
export const freshId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`
