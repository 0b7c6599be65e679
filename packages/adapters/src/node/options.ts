import type { Server } from 'node:http'
import type { ServerInfo } from '../server-info.js'

/** Options of `serve()`; every one has a default suited to production behind a proxy. */
export interface ServeOptions {
  /** Port to listen on; `0` picks a free one. Default `PORT` from the environment, else 8000. */
  port?: number
  /** Interface to bind. Default `HOST` from the environment, else `127.0.0.1`. */
  hostname?: string
  /** Aborting it shuts the server down gracefully, as `handle.close()` does. */
  signal?: AbortSignal
  /** How long in-flight requests may take to finish after shutdown begins. Default 10 s. */
  gracefulTimeoutMs?: number
  /** Shut down gracefully on SIGTERM and SIGINT (a second signal cuts the drain short). Default true. */
  handleSignals?: boolean
  /** Time a client has to send the request headers. Default 10 s. */
  headersTimeout?: number
  /** Time a client has to send the whole request, body included. Default 30 s; 0 disables it. */
  requestTimeout?: number
  /** How long an idle keep-alive connection stays open. Default 5 s. */
  keepAliveTimeout?: number
  /**
   * Processes to run with node's cluster, sharing the port (one per core is typical:
   * `os.availableParallelism()`). The primary supervises; each worker re-runs the program and
   * serves. Default 1 (no cluster).
   */
  workers?: number
  /** Ceiling on a WebSocket message for the native server, in bytes. Default 16 MiB. */
  maxWebSocketPayload?: number
  /**
   * How often open WebSockets are pinged; a peer that has not answered the previous ping is cut
   * (its handler sees a 1006 disconnect). Default 30 s; 0 disables.
   */
  webSocketHeartbeatMs?: number
  /** Called once the server listens, with the handle (its port is the real one). */
  onListen?: (handle: ServerHandle) => void
}

/** A running server and how to stop it. */
export interface ServerHandle extends ServerInfo {
  readonly server: Server
}

/** The server timeouts in force, with Node's check interval derived from them. */
export interface ServerTimeouts {
  headersTimeout: number
  requestTimeout: number
  keepAliveTimeout: number
  connectionsCheckingInterval: number
}

/**
 * Resolves the timeouts against slow clients. Node checks the header and request timeouts only every
 * `connectionsCheckingInterval` (30 s by default, which would make a 10 s timeout up to 40 s), so
 * the interval is derived from the shortest one.
 *
 * @example
 * resolveTimeouts({ headersTimeout: 500 }) // { headersTimeout: 500, ..., connectionsCheckingInterval: 125 }
 */
export function resolveTimeouts(options: ServeOptions): ServerTimeouts {
  const requestTimeout = options.requestTimeout ?? 30_000
  let headersTimeout = options.headersTimeout ?? 10_000
  // Node refuses a header timeout longer than the request timeout.
  if (requestTimeout > 0 && headersTimeout > requestTimeout) headersTimeout = requestTimeout
  const keepAliveTimeout = options.keepAliveTimeout ?? 5_000
  const shortest = Math.min(headersTimeout || Infinity, requestTimeout || Infinity)
  const connectionsCheckingInterval = Math.min(1_000, Math.max(50, Math.floor(shortest / 4)))
  return { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval }
}
