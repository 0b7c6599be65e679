import { WebSocketDisconnect } from './disconnect.js'
import { WEBSOCKET_UPGRADE, type WebSocketListener, type WebSocketMessage } from './upgrade.js'

const decoder = new TextDecoder()

/** Anything with a fetch handler (`App`, a compat-layer app). */
interface Fetchable {
  fetch(request: Request, env?: any, ctx?: any): Response | Promise<Response>
}

export interface ConnectOptions {
  headers?: HeadersInit
  /** Subprotocols to offer. */
  protocols?: string[]
  /** Bindings merged into the `env` the app sees. */
  env?: Record<string | symbol, unknown>
}

/** The client end of an in-process WebSocket, for tests. */
export interface TestWebSocket {
  /** The subprotocol the server chose, or ''. */
  readonly protocol: string
  send(data: WebSocketMessage): void
  /** The next message from the server. @throws WebSocketDisconnect once the server closed. */
  receive(): Promise<WebSocketMessage>
  receiveText(): Promise<string>
  receiveJson<T = unknown>(): Promise<T>
  close(code?: number, reason?: string): void
  /** Settles with the server's close code and reason. */
  readonly closed: Promise<WebSocketDisconnect>
}

/** Thrown by `connectWebSocket` when the server refuses the handshake; carries its response. */
export class WebSocketRefused extends Error {
  override readonly name = 'WebSocketRefused'
  constructor(readonly response: Response) {
    super(`WebSocket handshake refused with ${response.status}`)
  }
}

/**
 * Opens a WebSocket to an app in process, with no socket: the test drives the client end.
 * @throws WebSocketRefused when the app answers the handshake with anything but an upgrade.
 * @example
 * const ws = await connectWebSocket(app, '/echo')
 * ws.send('hi')
 * expect(await ws.receiveText()).toBe('hi')
 */
export async function connectWebSocket(
  app: Fetchable,
  path: string,
  options: ConnectOptions = {},
): Promise<TestWebSocket> {
  const headers = new Headers(options.headers)
  headers.set('upgrade', 'websocket')
  headers.set('connection', 'Upgrade')
  headers.set('sec-websocket-version', '13')
  headers.set('sec-websocket-key', 'dGhlIHNhbXBsZSBub25jZQ==')
  if (options.protocols?.length) headers.set('sec-websocket-protocol', options.protocols.join(', '))
  const url = /^https?:\/\//.test(path) ? path : `http://localhost${path.startsWith('/') ? '' : '/'}${path}`

  const inbox: WebSocketMessage[] = []
  const waiters: { resolve(m: WebSocketMessage): void; reject(e: unknown): void }[] = []
  let server: WebSocketListener | undefined
  let protocol = ''
  let closedWith: WebSocketDisconnect | undefined
  let settleClosed!: (d: WebSocketDisconnect) => void
  const closed = new Promise<WebSocketDisconnect>((resolve) => {
    settleClosed = resolve
  })
  const finish = (code: number, reason: string) => {
    if (closedWith !== undefined) return
    closedWith = new WebSocketDisconnect(code, reason)
    for (const w of waiters.splice(0)) w.reject(closedWith)
    settleClosed(closedWith)
  }
  const env = {
    ...options.env,
    [WEBSOCKET_UPGRADE]: (upgrade: { protocol?: string; listener: WebSocketListener }) => {
      server = upgrade.listener
      protocol = upgrade.protocol ?? ''
      // Open on a later turn, as a real socket does, so the 101 is returned first.
      queueMicrotask(() =>
        server?.open({
          send: (data) => {
            if (closedWith !== undefined) return
            const copy = typeof data === 'string' ? data : data.slice()
            const waiter = waiters.shift()
            if (waiter) waiter.resolve(copy)
            else inbox.push(copy)
          },
          close: (code = 1005, reason = '') => finish(code, reason),
        }),
      )
      // Node's Response cannot carry a 101; the upgrade is known from `server` being set.
      return new Response(null, { status: 200 })
    },
  }
  const response = await app.fetch(new Request(url, { headers }), env)
  if (server === undefined) throw new WebSocketRefused(response)
  const listener = server
  await new Promise((resolve) => queueMicrotask(() => resolve(undefined)))

  const receive = (): Promise<WebSocketMessage> => {
    const next = inbox.shift()
    if (next !== undefined) return Promise.resolve(next)
    if (closedWith !== undefined) return Promise.reject(closedWith)
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }))
  }
  return {
    get protocol() {
      return protocol
    },
    send(data) {
      if (closedWith !== undefined) throw closedWith
      listener.message(typeof data === 'string' ? data : data.slice())
    },
    receive,
    async receiveText() {
      const m = await receive()
      return typeof m === 'string' ? m : decoder.decode(m)
    },
    async receiveJson<T>() {
      const m = await receive()
      return JSON.parse(typeof m === 'string' ? m : decoder.decode(m)) as T
    },
    close(code = 1000, reason = '') {
      if (closedWith !== undefined) return
      finish(code, reason)
      listener.close(code, reason)
    },
    closed,
  }
}
