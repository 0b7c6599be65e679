/**
 * Message flashing on a session, as Flask stores it: `_flashes` is a list of
 * `(category, message)` tuples, so a real Flask app behind the same cookie sees the same messages.
 *
 * These are pure functions over the session passed in. Flask answers repeated
 * `get_flashed_messages()` calls within one request with the same list: the caller keeps a
 * per-request `cache` object and passes it on every call (Flask-A's request context does).
 */
import { type Tuple, tuple } from './sessions/index.js'

/** The session surface flashing needs (any `Session` has it). */
export interface FlashSession {
  get<T = unknown>(key: string, defaultValue?: T): T | undefined
  pop<T = unknown>(key: string, defaultValue?: T): T
  [key: string]: unknown
}

/** A flashed message with its category. */
export type FlashedMessage = readonly [category: string, message: unknown]

/** Request-scoped holder: the messages popped from the session by the first call in a request. */
export interface FlashCache {
  flashes?: FlashedMessage[] | undefined
}

/** Options of `get_flashed_messages`. */
export interface GetFlashedMessagesOptions {
  with_categories?: boolean
  category_filter?: Iterable<string>
  cache?: FlashCache
}

/**
 * Stores a message for the next request that reads flashed messages.
 *
 * @example
 * flash(session, 'Saved')
 * flash(session, 'Password too short', 'error')
 */
export function flash(session: FlashSession, message: unknown, category = 'message'): void {
  const current = session.get<FlashedMessage[]>('_flashes', []) ?? []
  session._flashes = [...current, tuple(category, message) as Tuple<unknown> as unknown as FlashedMessage]
}

/**
 * Pops the flashed messages from the session (once per request when `cache` is given) and returns
 * the messages, or `[category, message]` pairs with `with_categories`, optionally filtered.
 *
 * @example
 * get_flashed_messages(session) // ['Saved']
 * get_flashed_messages(session, { with_categories: true, category_filter: ['error'] })
 */
export function get_flashed_messages(
  session: FlashSession,
  options: { with_categories: true } & GetFlashedMessagesOptions,
): FlashedMessage[]
export function get_flashed_messages(session: FlashSession, options?: GetFlashedMessagesOptions): unknown[]
export function get_flashed_messages(
  session: FlashSession,
  options: GetFlashedMessagesOptions = {},
): unknown[] | FlashedMessage[] {
  let flashes = options.cache?.flashes
  if (flashes === undefined) {
    const stored = '_flashes' in session ? session.pop<unknown>('_flashes') : []
    flashes = Array.isArray(stored) ? (stored as FlashedMessage[]) : []
    if (options.cache) options.cache.flashes = flashes
  }
  if (options.category_filter) {
    const wanted = new Set(options.category_filter)
    if (wanted.size > 0) flashes = flashes.filter(([category]) => wanted.has(category))
  }
  if (!options.with_categories) return flashes.map(([, message]) => message)
  return flashes.map(([category, message]) => [category, message] as const)
}
