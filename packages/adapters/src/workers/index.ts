import { type Context, FILE_SOURCE, type MiddlewareHandler } from '@bustapi/core'
import { fileSourceOn } from './file-source.js'

export { type AssetsFetcher, assetsFileSource, assetsSource } from './file-source.js'

/** What a Worker receives beside the request: background work that outlives the response. */
export interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException?(): void
}

/** A static-assets binding (`env.ASSETS` when the Worker is configured with assets). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>
}

/**
 * The Worker's env bindings (KV, D1, secrets, vars) as a handler sees them. On Workers the app is
 * the module's default export (`export default app`), so `c.env` is the env workerd passes.
 *
 * @example
 * app.get('/greeting', (c) => c.text(bindings<{ GREETING: string }>(c).GREETING))
 */
export function bindings<Env extends object = Record<string, unknown>>(c: Context<any>): Env {
  return (c.env ?? {}) as Env
}

/**
 * Runs `work` after the response is sent: `ctx.waitUntil` on Workers, a detached promise elsewhere
 * (Node, Bun and Deno keep running it). Errors are reported, never thrown into the request.
 *
 * @example
 * app.post('/events', (c) => { waitUntil(c, sendToAnalytics(c.req.raw)); return c.body(null, 202) })
 */
export function waitUntil(c: Context<any>, work: Promise<unknown>): void {
  const guarded = work.catch((error: unknown) => console.error('[bustapi] background work failed:', error))
  let ctx: WorkerExecutionContext | undefined
  try {
    // Hono's getter throws when the runtime passed no execution context.
    ctx = c.executionCtx as WorkerExecutionContext
  } catch {
    ctx = undefined
  }
  ctx?.waitUntil(guarded)
}

/**
 * Serves files from a Workers assets binding before the app's routes; a miss (404) falls through.
 *
 * @example
 * app.use(assets())            // env.ASSETS
 * app.use('/static/*', assets({ binding: 'STATIC' }))
 */
export function assets(options: { binding?: string } = {}): MiddlewareHandler {
  const name = options.binding ?? 'ASSETS'
  return async (c, next) => {
    const binding = (c.env as Record<string, AssetsBinding | undefined> | undefined)?.[name]
    if (binding !== undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const res = await binding.fetch(c.req.raw)
      if (res.status !== 404) return res
    }
    await next()
  }
}

/** What a Worker module exports: its fetch handler. */
export interface WorkerModule {
  fetch(request: Request, env: unknown, ctx: WorkerExecutionContext): Promise<Response>
}

/** Options of `worker()`. */
export interface WorkerOptions {
  /** The assets binding `serveStatic` reads files from, or false for none. Default `ASSETS`. */
  assets?: string | false
}

/**
 * The env with the assets binding's file source under `FILE_SOURCE` (defined once per env object,
 * not enumerable, so `{ ...env }` and `Object.keys(env)` are unchanged).
 */
function withFileSource(env: unknown, binding: string | false): unknown {
  if (binding === false || env === null || typeof env !== 'object' || FILE_SOURCE in env) return env
  const source = fileSourceOn(env, binding)
  if (source !== undefined && Object.isExtensible(env))
    Object.defineProperty(env, FILE_SOURCE, { value: source, configurable: true })
  return env
}

/**
 * The app as a Worker module that runs the app's startup hooks (lifespan) once, before the first
 * request, and lets `serveStatic` read files from the `ASSETS` binding. `export default app`
 * works too when the app has no startup hooks (then give `serveStatic` `source: assetsSource()`).
 *
 * @example
 * export default worker(app)
 */
export function worker(
  app: {
    fetch(request: Request, env?: any, ctx?: any): Response | Promise<Response>
    startup?(): void | Promise<void>
  },
  options: WorkerOptions = {},
): WorkerModule {
  const binding = options.assets ?? 'ASSETS'
  let started: Promise<void> | undefined
  return {
    async fetch(request, env, ctx) {
      await (started ??= Promise.resolve(app.startup?.()))
      return app.fetch(request, withFileSource(env, binding), ctx)
    },
  }
}
