import type { AsyncLocalStorage } from 'node:async_hooks'
import type { Context } from 'hono'

/**
 * What one request carries through every await: the Hono context and a free-form `state` that
 * compat layers build `request`, `g` and `session` on.
 */
export interface RequestContext {
  readonly c: Context<any>
  readonly state: Record<string | symbol, unknown>
}

/** What a user sees when the runtime has no AsyncLocalStorage (a Worker without its flag). */
const MISSING_ALS =
  'BustAPI needs the nodejs_als or nodejs_compat compatibility flag: add compatibility_flags = ["nodejs_als"] ' +
  'to wrangler.toml (request context runs on AsyncLocalStorage from node:async_hooks, which this runtime does not provide).'

type AsyncHooks = { AsyncLocalStorage: typeof AsyncLocalStorage }

/**
 * The request store. Obtained without a static `import` so that a runtime lacking node:async_hooks
 * (a Worker without `nodejs_als`/`nodejs_compat`) still loads core and reports what to do, instead
 * of failing to link before any of our code runs. Node, Bun, Deno and Workers with `nodejs_compat`
 * hand it over synchronously through `process.getBuiltinModule`; Workers with only `nodejs_als`
 * (which have no `process`) through a dynamic import started here, settled before the first request.
 */
let storage: AsyncLocalStorage<RequestContext> | undefined
let storageError: string | undefined
{
  const process = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process
  const hooks = process?.getBuiltinModule?.('node:async_hooks') as AsyncHooks | undefined
  if (hooks !== undefined) storage = new hooks.AsyncLocalStorage()
  else {
    storageError = 'BustAPI is still loading AsyncLocalStorage from node:async_hooks; retry the request.'
    import('node:async_hooks').then(
      (loaded: AsyncHooks) => {
        storage = new loaded.AsyncLocalStorage()
        storageError = undefined
      },
      () => {
        storageError = MISSING_ALS
      },
    )
  }
}

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
    if (storage === undefined) throw new Error(storageError)
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
  const store = active ?? storage?.getStore()
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
  return active ?? storage?.getStore()
}
