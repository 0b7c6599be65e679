import { WebSocketDisconnect } from './disconnect.js'
import type { WebSocketListener, WebSocketMessage, WebSocketTransport } from './upgrade.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Where a connection is in its life. */
export type WebSocketState = 'connecting' | 'connected' | 'disconnected'

/** What the handler decided about the handshake; the route handler turns it into the response. */
export type HandshakeDecision =
  | { kind: 'accept'; protocol?: string; headers?: Headers; listener: WebSocketListener }
  | { kind: 'reject'; code: number; reason: string }

export interface AcceptOptions {
  /** One of the subprotocols the client offered (`connection.protocols`). */
  subprotocol?: string
  /** Extra headers on the 101 answer. */
  headers?: HeadersInit
}

/** How much a connection holds for a handler that is not reading. */
export interface WebSocketLimits {
  /** The largest message accepted, in bytes; a bigger one closes the connection with 1009. */
  maxMessageSize: number
  /** Received messages waiting for a `receive()`; one more closes with 1008. Default 1024. */
  maxQueuedMessages?: number
  /**
   * Bytes of received messages waiting for a `receive()` (text counted in UTF-16 units); more
   * closes with 1008. Default 1 MiB, or `maxMessageSize` when that is larger.
   */
  maxQueuedBytes?: number
}

type Waiter = { resolve(message: WebSocketMessage): void; reject(error: unknown): void }

/**
 * One WebSocket connection as every runtime presents it: accept the handshake, receive messages as
 * async calls, send, close with a code. The peer leaving surfaces as a `WebSocketDisconnect` from
 * the next receive or send, so a handler's loop ends where it waits.
 *
 * @example
 * app.websocket('/echo', async (ws) => {
 *   await ws.accept()
 *   for await (const message of ws) ws.send(message)
 * })
 */
export class WebSocketConnection {
  /**
   * The handshake request. Read headers and the URL through `headers` and `url`: Deno closes the
   * request once upgraded, after which its own headers throw.
   */
  readonly request: Request
  /** The handshake's URL (path and query). */
  readonly url: URL
  /** The handshake's headers, copied before the upgrade. */
  readonly headers: Headers
  /** The largest message accepted, in bytes; a bigger one closes the connection with 1009. */
  readonly maxMessageSize: number
  /** Unread messages held at most; one more closes the connection with 1008. */
  readonly maxQueuedMessages: number
  /** Bytes of unread messages held at most; more closes the connection with 1008. */
  readonly maxQueuedBytes: number
  readonly #decide: (decision: HandshakeDecision) => void
  readonly #queue: WebSocketMessage[] = []
  readonly #waiters: Waiter[] = []
  #queuedBytes = 0
  #state: WebSocketState = 'connecting'
  #transport: WebSocketTransport | undefined
  #closed: WebSocketDisconnect | undefined
  #opened: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined

  /** Built by the route handler; `decide` receives the handler's `accept()` or early `close()`. */
  constructor(
    request: Request,
    limits: WebSocketLimits | number,
    decide: (decision: HandshakeDecision) => void,
  ) {
    const given = typeof limits === 'number' ? { maxMessageSize: limits } : limits
    this.request = request
    this.url = new URL(request.url)
    this.headers = new Headers(request.headers)
    this.maxMessageSize = given.maxMessageSize
    this.maxQueuedMessages = given.maxQueuedMessages ?? 1024
    this.maxQueuedBytes = given.maxQueuedBytes ?? Math.max(1024 * 1024, given.maxMessageSize)
    this.#decide = decide
  }

  get state(): WebSocketState {
    return this.#state
  }

  /** The subprotocols the client offered, in its order of preference. */
  get protocols(): string[] {
    const header = this.headers.get('sec-websocket-protocol')
    return header
      ? header
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : []
  }

  /** Completes the handshake; resolves once the socket is open. */
  accept(options: AcceptOptions = {}): Promise<void> {
    if (this.#opened !== undefined) return this.#opened.promise
    if (this.#closed !== undefined) return Promise.reject(this.#closed)
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const promise = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    this.#opened = { promise, resolve, reject }
    this.#decide({
      kind: 'accept',
      ...(options.subprotocol === undefined ? {} : { protocol: options.subprotocol }),
      ...(options.headers === undefined ? {} : { headers: new Headers(options.headers) }),
      listener: this.#listener,
    })
    return promise
  }

  /** The next message, text or bytes. @throws WebSocketDisconnect once the peer has gone. */
  receive(): Promise<WebSocketMessage> {
    const next = this.#queue.shift()
    if (next !== undefined) {
      this.#queuedBytes -= queuedSize(next)
      return Promise.resolve(next)
    }
    if (this.#closed !== undefined) return Promise.reject(this.#closed)
    if (this.#state === 'connecting') return Promise.reject(new Error('Call accept() before receiving.'))
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }))
  }

  /** The next message, which must be text. */
  async receiveText(): Promise<string> {
    const message = await this.receive()
    if (typeof message !== 'string') throw new TypeError('Expected a text message, received binary.')
    return message
  }

  /** The next message, which must be binary. */
  async receiveBytes(): Promise<Uint8Array> {
    const message = await this.receive()
    if (typeof message === 'string') throw new TypeError('Expected a binary message, received text.')
    return message
  }

  /** The next message parsed as JSON (text, or UTF-8 bytes). */
  async receiveJson<T = unknown>(): Promise<T> {
    const message = await this.receive()
    return JSON.parse(typeof message === 'string' ? message : decoder.decode(message)) as T
  }

  /** Sends text or bytes. @throws WebSocketDisconnect once the peer has gone. */
  send(data: WebSocketMessage): void {
    if (this.#closed !== undefined) throw this.#closed
    if (this.#transport === undefined) throw new Error('Call accept() before sending.')
    this.#transport.send(data)
  }
  sendText(text: string): void {
    this.send(text)
  }
  sendBytes(bytes: Uint8Array): void {
    this.send(bytes)
  }
  sendJson(value: unknown): void {
    this.send(JSON.stringify(value))
  }

  /** Closes the connection; before `accept()` it refuses the handshake with a 403. */
  close(code = 1000, reason = ''): void {
    if (this.#closed !== undefined) return
    if (this.#state === 'connecting' && this.#opened === undefined) {
      this.#decide({ kind: 'reject', code, reason })
      this.#finish(code, reason)
      return
    }
    this.#transport?.close(code, reason)
    this.#finish(code, reason)
  }

  /** Messages until the peer closes normally (1000/1001/1005); other closes throw. */
  async *[Symbol.asyncIterator](): AsyncGenerator<WebSocketMessage, void, undefined> {
    while (true) {
      try {
        yield await this.receive()
      } catch (error) {
        if (error instanceof WebSocketDisconnect && [1000, 1001, 1005].includes(error.code)) return
        throw error
      }
    }
  }

  readonly #listener: WebSocketListener = {
    open: (transport) => {
      if (this.#closed !== undefined) return transport.close(this.#closed.code, this.#closed.reason)
      this.#transport = transport
      this.#state = 'connected'
      this.#opened?.resolve()
    },
    message: (data) => {
      if (this.#closed !== undefined) return
      if (sizeOf(data, this.maxMessageSize) > this.maxMessageSize) {
        this.close(1009, 'Message too big')
        return
      }
      const waiter = this.#waiters.shift()
      if (waiter !== undefined) return waiter.resolve(data)
      // A peer that sends faster than the handler reads is cut off rather than held in memory.
      const size = queuedSize(data)
      if (this.#queue.length >= this.maxQueuedMessages || this.#queuedBytes + size > this.maxQueuedBytes) {
        this.close(1008, 'Too many unread messages')
        return
      }
      this.#queuedBytes += size
      this.#queue.push(data)
    },
    close: (code, reason) => this.#finish(code, reason),
  }

  #finish(code: number, reason: string): void {
    if (this.#closed !== undefined) return
    this.#closed = new WebSocketDisconnect(code, reason)
    this.#state = 'disconnected'
    this.#opened?.reject(this.#closed)
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#closed)
  }
}

/** What a queued message counts for: bytes, or UTF-16 units of text (measured without encoding). */
function queuedSize(data: WebSocketMessage): number {
  return typeof data === 'string' ? data.length : data.byteLength
}

/** Byte size of a message; text is measured exactly only when it might be over the limit. */
function sizeOf(data: WebSocketMessage, limit: number): number {
  if (typeof data !== 'string') return data.byteLength
  return data.length * 3 <= limit ? data.length : encoder.encode(data).byteLength
}
