import type { Context, MiddlewareHandler } from 'hono'

type Awaitable<T> = T | Promise<T>

/** Runs before the handler; a returned Response short-circuits the request. */
export type BeforeRequestHook = (c: Context<any>) => Awaitable<Response | undefined | void>
/** Runs after the handler with the response; a returned Response replaces it. */
export type AfterRequestHook = (c: Context<any>, response: Response) => Awaitable<Response | undefined | void>
/** Always runs last, also when the handler threw; receives that error. */
export type TeardownRequestHook = (c: Context<any>, error: unknown) => Awaitable<void>

/** A lifespan: code before the first yield runs at startup, code after it at shutdown. */
export type Lifespan<A = unknown> = (
  app: A,
) => AsyncGenerator<unknown, void, unknown> | AsyncIterator<unknown>

/** The per-request hooks of one application, in registration order. */
export interface RequestHooks {
  before: BeforeRequestHook[]
  after: AfterRequestHook[]
  teardown: TeardownRequestHook[]
}

export function hasHooks(hooks: RequestHooks): boolean {
  return hooks.before.length + hooks.after.length + hooks.teardown.length > 0
}

/**
 * Compiles an application's request hooks into one Hono middleware placed first in its chain.
 * After hooks run in registration order on every response, error responses included; teardown
 * hooks always run and get the error the handler threw (Hono's compose records it on `c.error`).
 */
export function createLifecycleMiddleware(
  hooks: RequestHooks,
  reportTeardownError: (error: unknown, c: Context<any>) => void,
): MiddlewareHandler {
  const { before, after, teardown } = hooks
  return async (c, next) => {
    let error: unknown
    try {
      for (const hook of before) {
        const early = await hook(c)
        if (early instanceof Response) {
          c.res = early
          await runAfter(c)
          return c.res
        }
      }
      await next()
      error = c.error
      await runAfter(c)
      return c.res
    } catch (thrown) {
      error = thrown
      throw thrown
    } finally {
      for (const hook of teardown) {
        try {
          await hook(c, error)
        } catch (teardownError) {
          // A failing teardown must not hide the response nor stop the other teardowns.
          reportTeardownError(teardownError, c)
        }
      }
    }
  }

  async function runAfter(c: Context<any>): Promise<void> {
    for (const hook of after) {
      const replaced = await hook(c, c.res)
      if (replaced instanceof Response) c.res = replaced
    }
  }
}

/**
 * Startup and shutdown for one application: startup hooks, then lifespans up to their first yield;
 * shutdown runs the lifespans' remainders in reverse order, then the shutdown hooks.
 */
export class Lifecycle<A> {
  readonly #startup: Array<() => Awaitable<void>> = []
  readonly #shutdown: Array<() => Awaitable<void>> = []
  readonly #lifespans: Lifespan<A>[] = []
  #running: AsyncIterator<unknown>[] = []
  #state: 'idle' | 'starting' | 'started' = 'idle'

  onStartup(fn: () => Awaitable<void>): void {
    this.#startup.push(fn)
  }

  onShutdown(fn: () => Awaitable<void>): void {
    this.#shutdown.push(fn)
  }

  lifespan(fn: Lifespan<A>): void {
    this.#lifespans.push(fn)
  }

  get started(): boolean {
    return this.#state === 'started'
  }

  async startup(app: A): Promise<void> {
    if (this.#state !== 'idle') return
    this.#state = 'starting'
    for (const fn of this.#startup) await fn()
    for (const lifespan of this.#lifespans) {
      const it = lifespan(app)
      await it.next()
      this.#running.push(it)
    }
    this.#state = 'started'
  }

  async shutdown(): Promise<void> {
    if (this.#state === 'idle') return
    const running = this.#running.reverse()
    this.#running = []
    this.#state = 'idle'
    let firstError: unknown
    for (const it of running) {
      try {
        await it.next()
      } catch (error) {
        firstError ??= error
      }
    }
    for (const fn of this.#shutdown) {
      try {
        await fn()
      } catch (error) {
        firstError ??= error
      }
    }
    if (firstError !== undefined) throw firstError
  }
}
