import { type WebSocketConnection, WebSocketDisconnect } from '@bustapi/core'
import { ConnectionClosed } from './connection-closed.js'

type Waiter = (message: string | Uint8Array | null | ConnectionClosed) => void

/**
 * The `ws` a flask-sock view receives (simple-websocket's `Server`): `send`, `receive` with an
 * optional timeout in seconds, `close(reason, message)`, `connected`. Every message is read into
 * a queue as it arrives, so a receive that timed out loses nothing.
 *
 * @example
 * sock.route('/echo', async (ws) => {
 *   while (true) ws.send(await ws.receive())
 * })
 */
export class WebSocket {
  /** Core's connection underneath. */
  readonly connection: WebSocketConnection
  /** The subprotocol chosen from `SOCK_SERVER_OPTIONS.subprotocols`, or null. */
  readonly subprotocol: string | null
  /** The close code once closed (1005 until then, as simple-websocket). */
  close_reason = 1005
  close_message: string | null = null
  #connected = true
  readonly #queue: Array<string | Uint8Array> = []
  readonly #waiters: Waiter[] = []

  constructor(connection: WebSocketConnection, subprotocol: string | null) {
    this.connection = connection
    this.subprotocol = subprotocol
    void this.#pump()
  }

  /** Whether the connection is open. */
  get connected(): boolean {
    return this.#connected
  }

  /** Sends text, or bytes as a binary message; anything else is sent as its string. */
  send(data: string | Uint8Array | ArrayBuffer | unknown): void {
    if (!this.#connected) throw this.#closedError()
    if (data instanceof Uint8Array) this.connection.send(data)
    else if (data instanceof ArrayBuffer) this.connection.send(new Uint8Array(data))
    else this.connection.send(typeof data === 'string' ? data : String(data))
  }

  /**
   * The next message: a string, or a Uint8Array for binary. With `timeout` (seconds), null when
   * none arrived in time; `0` never waits.
   * @throws ConnectionClosed once the connection is closed and no message is left.
   */
  receive(timeout?: number | null): Promise<string | Uint8Array | null> {
    const next = this.#queue.shift()
    if (next !== undefined) return Promise.resolve(next)
    if (!this.#connected) return Promise.reject(this.#closedError())
    if (timeout === 0) return Promise.resolve(null)
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const waiter: Waiter = (message) => {
        if (timer !== undefined) clearTimeout(timer)
        if (message instanceof ConnectionClosed) reject(message)
        else resolve(message)
      }
      this.#waiters.push(waiter)
      if (timeout != null) {
        timer = setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
          resolve(null)
        }, timeout * 1000)
      }
    })
  }

  /** Closes with a code (default 1000) and a message. @throws ConnectionClosed when already closed. */
  close(reason?: number | null, message?: string | null): void {
    if (!this.#connected) throw this.#closedError()
    this.close_reason = reason ?? 1000
    this.close_message = message ?? null
    this.#finish()
    this.connection.close(this.close_reason, message ?? '')
  }

  async #pump(): Promise<void> {
    try {
      while (true) {
        const message = await this.connection.receive()
        const waiter = this.#waiters.shift()
        if (waiter !== undefined) waiter(message)
        else this.#queue.push(message)
      }
    } catch (error) {
      if (this.#connected && error instanceof WebSocketDisconnect) {
        this.close_reason = error.code
        this.close_message = error.reason || null
      }
      this.#finish()
    }
  }

  #finish(): void {
    if (!this.#connected) return
    this.#connected = false
    for (const waiter of this.#waiters.splice(0)) waiter(this.#closedError())
  }

  #closedError(): ConnectionClosed {
    return new ConnectionClosed(this.close_reason, this.close_message)
  }
}
