import { AsyncLocalStorage } from 'node:async_hooks'
import type { Context } from 'hono'

/**
 * What one request carries through every await: the Hono context and a free-form `state` that
 * compat layers build `request`, `g` and `session` on.
 */
export interface RequestContext {
  readonly c: Context<any>
  readonly state: Record<string | symbol, unknown>
}

const storage = new AsyncLocalStorage<RequestContext>()

/**
 * The context of the code running right now, set only for the length of a synchronous call.
 * It lets synchronous work see its request without AsyncLocalStorage: on Node 20 the first
 * `storage.run` switches on promise hooks for the whole process, about 3 µs per HTTP request.
 */
let active: RequestContext | undefined

/**
 * Runs `fn` with `store` as the current request context; everything it awaits sees the same store,
 * and concurrent requests never see each other's.
 *
 * @example
 * await runWithContext(createRequestContext(c), () => handler(c))
 */
export function runWithContext<T>(store: RequestContext, fn: () => T): T {
  const outer = active
  active = store
  try {
    return storage.run(store, fn)
  } finally {
    active = outer
  }
}

/**
 * Runs `fn` with `store` as the current request context for its synchronous part only: what it
 * schedules (an await, a timer) does not see the store. For code known to finish before it
 * returns, this skips AsyncLocalStorage and its cost; anything that awaits needs `runWithContext`.
 *
 * @example
 * const html = runSyncWithContext(store, () => render(template))
 */
export function runSyncWithContext<T>(store: RequestContext, fn: () => T): T {
  const outer = active
  active = store
  try {
    return fn()
  } finally {
    active = outer
  }
}

/** A fresh context for the request behind `c`. */
export function createRequestContext(c: Context<any>): RequestContext {
  return { c, state: {} }
}

/**
 * The current request context.
 * @throws Error outside of a request, saying how to get one.
 * @example
 * const { c } = getContext()
 */
export function getContext(): RequestContext {
  const store = active ?? storage.getStore()
  if (store === undefined) {
    throw new Error(
      'Working outside of request context. This code needs an active request: call it from a ' +
        'handler, a middleware or a hook, or in tests wrap it in runWithContext(createRequestContext(c), fn).',
    )
  }
  return store
}

/** The current request context, or `undefined` outside of a request. */
export function tryGetContext(): RequestContext | undefined {
  return active ?? storage.getStore()
}
