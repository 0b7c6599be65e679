import {
  WEBSOCKET_UPGRADE,
  type WebSocketListener,
  type WebSocketTransport,
  type WebSocketUpgrade,
  type WebSocketUpgrader,
} from './upgrade.js'

/** The part of a standard `WebSocket` (Deno's, a Worker's server end) the upgraders use. */
interface StandardSocket {
  binaryType: string
  send(data: string | ArrayBufferLike | Uint8Array): void
  close(code?: number, reason?: string): void
  addEventListener(type: string, listener: (event: any) => void): void
}

interface RuntimeGlobals {
  Deno?: {
    upgradeWebSocket(
      request: Request,
      options?: { protocol?: string },
    ): { socket: StandardSocket; response: Response }
  }
  WebSocketPair?: new () => Record<0 | 1, StandardSocket & { accept(): void }>
}

const runtime = globalThis as unknown as RuntimeGlobals

/**
 * The upgrader for this request: the adapter's (on `env`), else the runtime's global one (Deno's
 * `Deno.upgradeWebSocket`, a Worker's `WebSocketPair`), else undefined.
 *
 * @example
 * const upgrade = findUpgrader(c.env)
 */
export function findUpgrader(env: unknown): WebSocketUpgrader | undefined {
  if (env !== null && typeof env === 'object') {
    const own = (env as { [WEBSOCKET_UPGRADE]?: unknown })[WEBSOCKET_UPGRADE]
    if (typeof own === 'function') return own as WebSocketUpgrader
  }
  if (typeof runtime.Deno?.upgradeWebSocket === 'function') return upgradeDeno
  if (typeof runtime.WebSocketPair === 'function') return upgradeWorkers
  return undefined
}

function upgradeDeno(upgrade: WebSocketUpgrade): Response {
  const { socket, response } = runtime.Deno!.upgradeWebSocket(upgrade.request)
  listen(socket, upgrade.listener, false)
  copyHeaders(upgrade.headers, response.headers)
  // Set here rather than through Deno's `protocol` option, which only accepts offers
  // separated by ", " and refuses a list such as "a,b".
  if (upgrade.protocol !== undefined) response.headers.set('sec-websocket-protocol', upgrade.protocol)
  return response
}

function upgradeWorkers(upgrade: WebSocketUpgrade): Response {
  const pair = new runtime.WebSocketPair!()
  const server = pair[1]
  server.accept()
  listen(server, upgrade.listener, true)
  const headers = new Headers(upgrade.headers)
  if (upgrade.protocol !== undefined) headers.set('sec-websocket-protocol', upgrade.protocol)
  // `webSocket` is a Workers extension of ResponseInit.
  return new Response(null, { status: 101, headers, webSocket: pair[0] } as ResponseInit)
}

/** Reports a standard socket's events to core; a Worker's end is open as soon as it is accepted. */
function listen(socket: StandardSocket, listener: WebSocketListener, openNow: boolean): void {
  socket.binaryType = 'arraybuffer'
  const transport: WebSocketTransport = {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
  }
  if (openNow) listener.open(transport)
  else socket.addEventListener('open', () => listener.open(transport))
  socket.addEventListener('message', (event: { data: unknown }) => {
    const { data } = event
    listener.message(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer))
  })
  let closed = false
  socket.addEventListener('close', (event: { code: number; reason: string }) => {
    if (closed) return
    closed = true
    // A Worker must answer the peer's close frame itself, or the client waits for it forever.
    if (openNow) replyToClose(socket, event.code, event.reason)
    listener.close(event.code, event.reason)
  })
  socket.addEventListener('error', () => {
    if (closed) return
    closed = true
    listener.close(1006, '')
  })
}

function replyToClose(socket: StandardSocket, code: number, reason: string): void {
  try {
    if (code === 1005 || code === 1006 || code === 1015) socket.close()
    else socket.close(code, reason)
  } catch {
    // Already closing: nothing to answer.
  }
}

function copyHeaders(from: Headers | undefined, to: Headers): void {
  from?.forEach((value, key) => {
    to.append(key, value)
  })
}
