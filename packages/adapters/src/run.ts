import type { ServableApp, ServerInfo } from './server-info.js'

/** The runtime this code runs on, as `run()` sees it. */
export type Runtime = 'bun' | 'deno' | 'node' | 'workers' | 'unknown'

/** Options every runtime's `serve()` understands; the rest are passed through to it. */
export interface RunOptions {
  port?: number
  hostname?: string
  signal?: AbortSignal
  handleSignals?: boolean
  /** Node only: processes to run with node's cluster. */
  workers?: number
  [option: string]: unknown
}

/**
 * Which runtime is running this code. Bun and Deno are checked first because both also expose
 * `process.versions.node`.
 *
 * @example
 * if (detectRuntime() === 'workers') console.log('export default app instead of run()')
 */
export function detectRuntime(): Runtime {
  const g = globalThis as Record<string, unknown>
  if (g.Bun !== undefined) return 'bun'
  if (g.Deno !== undefined) return 'deno'
  if (
    typeof g.WebSocketPair === 'function' &&
    (g.navigator as { userAgent?: string } | undefined)?.userAgent === 'Cloudflare-Workers'
  )
    return 'workers'
  const versions = (g.process as { versions?: { node?: string } } | undefined)?.versions
  if (versions?.node !== undefined) return 'node'
  return 'unknown'
}

/**
 * Serves an app on the native server of the runtime it runs on (`Bun.serve`, `Deno.serve`, Node's
 * http with graceful drain). This is what Flask's `app.run()` and FastAPI's `serve(app)` call.
 * On Workers there is nothing to start: the module's `export default app` is the server.
 *
 * @example
 * import { run } from '@bustapi/adapters'
 * const { url } = await run(app, { port: 8000 })
 */
export async function run(app: ServableApp, options: RunOptions = {}): Promise<ServerInfo> {
  const runtime = detectRuntime()
  if (runtime === 'bun' || runtime === 'deno' || runtime === 'node') {
    const adapter = (await importAdapter(runtime)) as {
      serve(app: ServableApp, options: RunOptions): Promise<ServerInfo>
    }
    return adapter.serve(app, options)
  }
  throw new Error(
    runtime === 'workers'
      ? 'On Workers there is no server to start: make the app the module default export (`export default app`).'
      : 'run() needs Node, Bun or Deno; on an edge worker export the app as the module default export.',
  )
}

/**
 * Loads one runtime's adapter by its public subpath. The specifier is computed so that bundlers
 * leave it alone: a Worker bundle that imports this module must not pull in Node's server.
 */
function importAdapter(runtime: 'bun' | 'deno' | 'node'): Promise<unknown> {
  const specifier = `@bustapi/adapters/${runtime}`
  return import(/* @vite-ignore */ specifier)
}
