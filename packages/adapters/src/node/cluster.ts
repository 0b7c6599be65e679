import cluster, { type Worker } from 'node:cluster'
import type { ServerInfo } from '../server-info.js'

/**
 * Runs `workers` copies of this program with node's cluster, sharing one port (the primary hands
 * connections out round-robin). Each copy runs the same script, whose `serve()` call listens as
 * usual; the primary only supervises: it restarts a copy that dies, and on SIGTERM/SIGINT, an
 * abort or `close()` it passes SIGTERM on so every copy drains gracefully.
 *
 * @example
 * // in the primary only (serve() does this when `workers > 1`)
 * const handle = await startCluster(4, { port: 8000, hostname: '127.0.0.1' })
 */
export async function startCluster(
  workers: number,
  options: {
    port: number
    hostname: string
    signal?: AbortSignal
    handleSignals?: boolean
    killAfterMs?: number
  },
): Promise<ServerInfo> {
  let stopping = false
  const live = new Set<Worker>()
  const fork = () => {
    const worker = cluster.fork({ PORT: String(options.port), HOST: options.hostname })
    live.add(worker)
    worker.on('exit', () => {
      live.delete(worker)
      if (!stopping) fork()
    })
    return worker
  }
  const first = fork()
  // With port 0 the primary picks the port once, and every worker receives the same one.
  const port = await new Promise<number>((resolve, reject) => {
    first.once('listening', (address) => resolve(address.port))
    first.once('exit', (code) => reject(new Error(`The first cluster worker exited with code ${code}.`)))
  })
  for (let i = 1; i < workers; i++) fork()
  await Promise.all(
    [...live].filter((w) => w !== first).map((w) => new Promise((resolve) => w.once('listening', resolve))),
  )

  let closing: Promise<void> | undefined
  let resolveClosed!: () => void
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve
  })
  const close = () =>
    (closing ??= (async () => {
      stopping = true
      await Promise.all(
        [...live].map(
          (w) =>
            new Promise((resolve) => {
              // A worker that does not finish its drain in time is killed.
              const force = setTimeout(() => w.process.kill('SIGKILL'), options.killAfterMs ?? 30_000)
              w.once('exit', () => {
                clearTimeout(force)
                resolve(undefined)
              })
              w.process.kill('SIGTERM')
            }),
        ),
      )
      detach()
      resolveClosed()
    })())
  const onSignal = () => void close()
  const signals = options.handleSignals === false ? [] : (['SIGTERM', 'SIGINT'] as const)
  for (const name of signals) process.on(name, onSignal)
  options.signal?.addEventListener('abort', onSignal, { once: true })
  const detach = () => {
    for (const name of signals) process.off(name, onSignal)
    options.signal?.removeEventListener('abort', onSignal)
  }
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname
  return { port, hostname: options.hostname, url: `http://${host}:${port}`, close: () => close(), closed }
}

/** True in the primary of a cluster that `serve({ workers })` should start. */
export function shouldStartCluster(workers: number | undefined): workers is number {
  return workers !== undefined && workers > 1 && cluster.isPrimary
}

/** In a cluster worker, disconnects from the primary so the process can exit once idle. */
export function leaveCluster(): void {
  if (cluster.isWorker && cluster.worker?.isConnected()) cluster.worker.disconnect()
}
