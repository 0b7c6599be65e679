import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { ServerInfo } from '../server-info.js'
import { leaveCluster, shouldStartCluster, startCluster } from './cluster.js'
import { drainServer } from './drain.js'
import { type FetchApp, toFetchCallback } from './handler.js'
import { resolveTimeouts, type ServeOptions, type ServerHandle } from './options.js'
import { attachWebSockets } from './websocket.js'

const SIGNALS = ['SIGTERM', 'SIGINT'] as const

/**
 * Serves an app on Node: runs its startup hooks, listens, and shuts down gracefully on SIGTERM or
 * SIGINT, on `signal` abort or on `handle.close()` — new connections are refused, requests in flight
 * finish and open WebSockets are closed with 1001 and their handlers' cleanup awaited (both up to
 * `gracefulTimeoutMs`), then the app's shutdown hooks run. Never calls `process.exit`.
 *
 * @example
 * const { url } = await serve(app, { port: 8000 })
 * console.log(`Listening on ${url}`)
 */
export async function serve(app: FetchApp, options: ServeOptions & { workers: number }): Promise<ServerInfo>
export async function serve(app: FetchApp, options?: ServeOptions): Promise<ServerHandle>
export async function serve(app: FetchApp, options: ServeOptions = {}): Promise<ServerHandle | ServerInfo> {
  const port = options.port ?? Number(process.env.PORT ?? 8000)
  const hostname = options.hostname ?? process.env.HOST ?? '127.0.0.1'
  const gracefulTimeoutMs = options.gracefulTimeoutMs ?? 10_000
  const { signal } = options
  if (shouldStartCluster(options.workers)) {
    const { handleSignals } = options
    return startCluster(options.workers, {
      port,
      hostname,
      killAfterMs: gracefulTimeoutMs + 5_000,
      ...(signal === undefined ? {} : { signal }),
      ...(handleSignals === undefined ? {} : { handleSignals }),
    })
  }

  await app.startup?.()

  let draining = false
  const fetch = toFetchCallback(app, (bindings) => {
    // Requests arriving on a kept-alive connection during the drain are served, then the connection closes.
    if (draining) bindings.outgoing.shouldKeepAlive = false
  })
  const server = createAdaptorServer({ fetch, serverOptions: resolveTimeouts(options) }) as Server
  const sockets = attachWebSockets(server, app, {
    maxPayload: options.maxWebSocketPayload,
    heartbeatMs: options.webSocketHeartbeatMs,
  })
  try {
    await listen(server, port, hostname)
  } catch (error) {
    await app.shutdown?.()
    throw error
  }

  let closing: Promise<void> | undefined
  let forceNow: (() => void) | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true
      sockets.closeAll()
      forceNow = () => {
        server.closeAllConnections()
        sockets.terminateAll()
      }
      try {
        // WebSocket handlers get the same time as requests to run their cleanup after the 1001.
        await Promise.all([drainServer(server, gracefulTimeoutMs), sockets.handlersDone(gracefulTimeoutMs)])
      } finally {
        detach()
      }
      await app.shutdown?.()
      // A cluster worker stays alive through its channel to the primary: let it go.
      leaveCluster()
    })()
    return closing
  }
  // Shutdown triggered from outside (a signal, an abort) has no caller to reject: report it.
  const closeFromOutside = () => {
    if (closing !== undefined) return forceNow?.()
    close().catch((error: unknown) => console.error('[bustapi] shutdown failed:', error))
  }
  const signals = options.handleSignals === false ? [] : SIGNALS
  for (const name of signals) process.on(name, closeFromOutside)
  signal?.addEventListener('abort', closeFromOutside, { once: true })
  const detach = () => {
    for (const name of signals) process.off(name, closeFromOutside)
    signal?.removeEventListener('abort', closeFromOutside)
  }

  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const closed = new Promise<void>((resolve, reject) => {
    server.once('close', () => close().then(resolve, reject))
  })
  // Keeps an unobserved failure from becoming an unhandled rejection; awaiting `closed` still throws.
  closed.catch(() => {})
  const handle: ServerHandle = {
    server,
    port: address.port,
    hostname,
    url: `http://${host}:${address.port}`,
    close: () => close().then(() => closed),
    closed,
  }
  options.onListen?.(handle)
  if (signal?.aborted) closeFromOutside()
  return handle
}

function listen(server: Server, port: number, hostname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
}
