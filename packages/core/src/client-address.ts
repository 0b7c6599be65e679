import type { Context } from 'hono'

/** The peer of a request: the address the connection came from, as the runtime reports it. */
export interface ClientAddress {
  /** `127.0.0.1`, `2001:db8::1`... An IPv4 peer on a dual-stack socket is given as plain IPv4. */
  readonly address: string
  readonly family: 'IPv4' | 'IPv6'
  /** The peer's port, when the runtime gives it (not on Workers). */
  readonly port?: number
}

/** Finds the peer of a request; what an adapter without a native shape core knows puts on `env`. */
export type ClientAddressSource = (request: Request) => ClientAddress | undefined

/**
 * Where an adapter (or a test) puts the peer of a request on the `env` it passes to `app.fetch`: a
 * `ClientAddress`, or a function of the request. The adapters of this project need none: core reads
 * Node's socket, Bun's `requestIP`, Deno's `remoteAddr` and Workers' `CF-Connecting-IP` itself.
 *
 * @example
 * await app.fetch(request, { [CLIENT_ADDRESS]: { address: '203.0.113.7', family: 'IPv4' } })
 */
export const CLIENT_ADDRESS: unique symbol = Symbol.for('bustapi.client-address')

/** The shapes of `env` the runtimes pass, as far as the peer goes. */
interface RuntimeEnv {
  [CLIENT_ADDRESS]?: ClientAddress | ClientAddressSource
  /** Node, through @hono/node-server's bindings. */
  incoming?: { socket?: { remoteAddress?: string; remotePort?: number } }
  /** Bun: the server is the env. */
  requestIP?: (request: Request) => { address: string; port?: number } | null
  /** Deno: the handler info is the env. */
  remoteAddr?: { hostname?: string; port?: number }
}

// Only on Workers is CF-Connecting-IP set by the platform; anywhere else a client could forge it.
const ON_WORKERS =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'

/**
 * The peer of the request behind `c`, the same on every runtime: Node's socket (an IPv4-mapped
 * `::ffff:127.0.0.1` is given as `127.0.0.1`), Bun's `server.requestIP`, Deno's `info.remoteAddr`,
 * Workers' `CF-Connecting-IP` header (set by Cloudflare's edge; a bare workerd has no peer to give).
 * `undefined` when the runtime gives none. Behind a proxy this is the proxy: read the forwarded
 * headers of a proxy you trust for the original client.
 *
 * @example
 * app.get('/whoami', (c) => c.json({ ip: clientAddress(c)?.address ?? null }))
 */
export function clientAddress(c: Context<any>): ClientAddress | undefined {
  const env = c.env as RuntimeEnv | undefined
  if (env !== undefined && env !== null && typeof env === 'object') {
    const given = env[CLIENT_ADDRESS]
    if (given !== undefined) return typeof given === 'function' ? given(c.req.raw) : given
    const socket = env.incoming?.socket
    if (socket !== undefined) return toClientAddress(socket.remoteAddress, socket.remotePort)
    if (typeof env.requestIP === 'function') {
      const info = env.requestIP(c.req.raw)
      return info === null ? undefined : toClientAddress(info.address, info.port)
    }
    if (env.remoteAddr !== undefined) return toClientAddress(env.remoteAddr.hostname, env.remoteAddr.port)
  }
  if (ON_WORKERS) return toClientAddress(c.req.raw.headers.get('cf-connecting-ip') ?? undefined, undefined)
  return undefined
}

/**
 * A `ClientAddress` from an address string and port, with the family read from the address and an
 * IPv4-mapped IPv6 address given as IPv4.
 *
 * @example
 * toClientAddress('::ffff:127.0.0.1', 51234) // { address: '127.0.0.1', family: 'IPv4', port: 51234 }
 */
export function toClientAddress(
  address: string | undefined,
  port: number | undefined,
): ClientAddress | undefined {
  if (address === undefined || address === '') return undefined
  if (address.startsWith('::ffff:') && address.includes('.')) address = address.slice(7)
  const family = address.includes(':') ? 'IPv6' : 'IPv4'
  return port === undefined ? { address, family } : { address, family, port }
}
