import type { ServableApp, ServerInfo } from '../server-info.js'
import { onShutdownSignal } from '../signals.js'
import { type BunServer, bunWebSocket, equipBunServer } from './app.js'

/** Options of the Bun adapter's `serve()`. */
export interface BunServeOptions {
  /** Default `PORT`, else 8000; `0` picks a free port. */
  port?: number
  /** Default `HOST`, else `127.0.0.1` (Bun alone would bind every interface). */
  hostname?: string
  /** Let several processes listen on the same port (SO_REUSEPORT; Linux balances between them). */
  reusePort?: boolean
  /** Aborting it stops the server gracefully. */
  signal?: AbortSignal
  /** Stop gracefully on SIGTERM/SIGINT. Default true. */
  handleSignals?: boolean
  /** Seconds a connection may stay idle. Default Bun's (10). */
  idleTimeout?: number
  /** Ceiling on a WebSocket message, in bytes. Default 16 MiB. */
  maxWebSocketPayload?: number
  onListen?: (info: ServerInfo) => void
}

interface BunGlobal {
  serve(options: Record<string, unknown>): BunServer
}

/**
 * Serves an app with `Bun.serve`: WebSockets through Bun's native upgrade, `reusePort` for one
 * process per core, graceful stop on signals. The app's `env` is Bun's server (so `hono/bun`
 * helpers such as `getConnInfo` work).
 *
 * @example
 * import { serve } from '@bustapi/adapters/bun'
 * await serve(app, { port: 8000, reusePort: true })
 */
export async function serve(app: ServableApp, options: BunServeOptions = {}): Promise<ServerInfo> {
  const Bun = (globalThis as unknown as { Bun?: BunGlobal }).Bun
  if (Bun === undefined)
    throw new Error('@bustapi/adapters/bun runs on Bun; on Node use @bustapi/adapters/node.')
  const hostname = options.hostname ?? process.env.HOST ?? '127.0.0.1'
  await app.startup?.()
  const server = Bun.serve({
    port: options.port ?? Number(process.env.PORT ?? 8000),
    hostname,
    reusePort: options.reusePort ?? false,
    ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }),
    fetch: (request: Request, env: BunServer) => app.fetch(request, env),
    websocket: bunWebSocket(options.maxWebSocketPayload),
  })
  // Core finds the file source and the upgrader on `env`, which is the server itself.
  equipBunServer(server)

  let resolveClosed!: () => void
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve
  })
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      detach()
      await server.stop()
      await app.shutdown?.()
      resolveClosed()
    })())
  const detach = onShutdownSignal(() => void close(), options)
  const host = hostname.includes(':') ? `[${hostname}]` : hostname
  const info: ServerInfo = {
    port: server.port,
    hostname,
    url: `http://${host}:${server.port}`,
    close,
    closed,
  }
  options.onListen?.(info)
  return info
}
