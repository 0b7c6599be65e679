import { FILE_SOURCE } from '@bustapi/core'
import type { ServableApp, ServerInfo } from '../server-info.js'
import { onShutdownSignal } from '../signals.js'
import { denoFileSource } from './file-source.js'
import { delivered, failed, watchDelivery } from './request-signal.js'

/** Options of the Deno adapter's `serve()`. */
export interface DenoServeOptions {
  /** Default `PORT`, else 8000; `0` picks a free port. */
  port?: number
  /** Default `HOST`, else `127.0.0.1` (Deno alone would bind every interface). */
  hostname?: string
  /** Aborting it stops the server gracefully. */
  signal?: AbortSignal
  /** Stop gracefully on SIGTERM/SIGINT. Default true. */
  handleSignals?: boolean
  onListen?: (info: ServerInfo) => void
}

/** The slice of Deno's API this adapter uses (kept local so Node's types need no Deno types). */
interface DenoServer {
  addr: { port: number }
  finished: Promise<void>
  shutdown(): Promise<void>
}
interface DenoGlobal {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: object) => Response | Promise<Response>,
  ): DenoServer
  env: { get(name: string): string | undefined }
}

/**
 * The handler `Deno.serve` calls: the app with Deno's connection info as `env` (carrying the file
 * source for `serveStatic`), and `request.signal` aborting only when the client goes away (see
 * `watchDelivery`). What `deno serve` needs too: `export default { fetch: denoHandler(app) }`.
 *
 * @example
 * Deno.serve({ port: 8000, hostname: '127.0.0.1' }, denoHandler(app))
 */
export function denoHandler(
  app: ServableApp,
): (request: Request, info: object) => Response | Promise<Response> {
  return (request, info) => {
    ;(info as { [FILE_SOURCE]?: unknown })[FILE_SOURCE] = denoFileSource
    watchDelivery(request)
    let result: Response | Promise<Response>
    try {
      result = app.fetch(request, info)
    } catch (error) {
      failed(request)
      throw error
    }
    // A synchronous answer stays synchronous: Deno has a faster path for it.
    if (result instanceof Response) return delivered(request, result)
    return result.then(
      (response) => delivered(request, response),
      (error: unknown) => {
        failed(request)
        throw error
      },
    )
  }
}

/**
 * Serves an app with `Deno.serve`. WebSockets go through `Deno.upgradeWebSocket`, which core finds
 * by itself; the app's `env` is Deno's connection info (so `hono/deno`'s `getConnInfo` works).
 *
 * @example
 * import { serve } from '@bustapi/adapters/deno'
 * await serve(app, { port: 8000 })
 */
export async function serve(app: ServableApp, options: DenoServeOptions = {}): Promise<ServerInfo> {
  const Deno = (globalThis as unknown as { Deno?: DenoGlobal }).Deno
  if (Deno === undefined)
    throw new Error('@bustapi/adapters/deno runs on Deno; on Node use @bustapi/adapters/node.')
  const hostname = options.hostname ?? Deno.env.get('HOST') ?? '127.0.0.1'
  const port = options.port ?? Number(Deno.env.get('PORT') ?? 8000)
  await app.startup?.()
  const server = Deno.serve({ port, hostname, onListen: () => {} }, denoHandler(app))
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      detach()
      await server.shutdown()
      await app.shutdown?.()
    })())
  const detach = onShutdownSignal(() => void close(), options)
  const closed = server.finished.then(() => close())
  closed.catch(() => {})
  const host = hostname.includes(':') ? `[${hostname}]` : hostname
  const info: ServerInfo = {
    port: server.addr.port,
    hostname,
    url: `http://${host}:${server.addr.port}`,
    close: () => close().then(() => closed),
    closed,
  }
  options.onListen?.(info)
  return info
}
