import { type RequestContext, runSyncWithContext, runWithContext } from '@bustapi/core'

const AsyncFunction = (async () => {}).constructor
const AsyncGeneratorFunction = async function* () {}.constructor

/** True for functions declared `async` (or `async function*`), whose awaits must see the context. */
export function isAsyncFunction(fn: unknown): boolean {
  if (typeof fn !== 'function') return false
  const kind = fn.constructor
  return kind === AsyncFunction || kind === AsyncGeneratorFunction
}

/**
 * Calls user code (a view, a hook, an error handler) with `store` as the request context.
 * An async function runs inside AsyncLocalStorage, so `request`, `g` and `session` follow its
 * awaits; a plain function needs the context only while it runs, which costs nothing (core's
 * `runSyncWithContext`) where AsyncLocalStorage costs every promise of the process on Node 20.
 * The rule is Flask's own for async views: a plain function that returns a promise (a decorator
 * wrapping an async view, say) is not tracked past its return, and must itself be declared async.
 *
 * @example
 * const rv = invoke(store, view, () => view(view_args))
 */
export function invoke<T>(store: RequestContext, fn: unknown, call: () => T): T {
  return isAsyncFunction(fn) ? runWithContext(store, call) : runSyncWithContext(store, call)
}
