import { clientAddress, getCookie, type WebSocketConnection, WebSocketDisconnect } from '@bustapi/core'
import type { Context } from 'hono'
import type { TestSink } from './test-sink.js'

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/**
 * Starlette's `WebSocketState`: where each side of a connection is. `client_state` follows the
 * peer (CONNECTED once the handshake arrived, DISCONNECTED once it left), `application_state`
 * follows the endpoint (CONNECTED after `accept()`, DISCONNECTED after `close()`).
 *
 * @example
 * if (websocket.application_state === WebSocketState.CONNECTED) websocket.send_text('bye')
 */
export const WebSocketState = { CONNECTING: 0, CONNECTED: 1, DISCONNECTED: 2, RESPONSE: 3 } as const
export type WebSocketState = (typeof WebSocketState)[keyof typeof WebSocketState]

/** How `send_json`/`receive_json` frame JSON: as a text message (default) or as UTF-8 bytes. */
export type JsonMode = 'text' | 'binary'

/** The peer's address, as Starlette's `websocket.client`. */
export interface Address {
  host: string
  port: number
}

interface NodeEnv {
  client?: Address
}

const NOT_CONNECTED = 'WebSocket is not connected. Need to call "accept" first.'

/**
 * FastAPI's (Starlette's) `WebSocket`, over core's `WebSocketConnection`: accept, receive and send
 * text, bytes or JSON, iterate messages, close with a code; plus the handshake's URL, headers,
 * query and path parameters and cookies.
 *
 * @example
 * app.websocket('/ws', async (websocket) => {
 *   await websocket.accept()
 *   for await (const text of websocket.iter_text()) websocket.send_text(`Message text was: ${text}`)
 * })
 */
export class WebSocket {
  /** Core's connection underneath, for what the Starlette names do not cover. */
  readonly connection: WebSocketConnection
  /** Core's (Hono's) context of the handshake request. */
  readonly c: Context
  /** Per-connection storage, as Starlette's `websocket.state`. */
  readonly state: Record<string, unknown> = {}
  readonly #sink: TestSink | undefined
  #closedByApp = false
  #cookies: Record<string, string> | undefined
  #url: URL | undefined

  constructor(connection: WebSocketConnection, c: Context, sink?: TestSink) {
    this.connection = connection
    this.c = c
    this.#sink = sink
  }

  /** The handshake URL, with a `ws:` or `wss:` scheme. */
  get url(): URL {
    if (this.#url === undefined) {
      const url = new URL(this.connection.url)
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
      this.#url = url
    }
    return this.#url
  }
  get headers(): Headers {
    return this.connection.headers
  }
  get query_params(): URLSearchParams {
    return this.connection.url.searchParams
  }
  get path_params(): Record<string, string> {
    return this.c.req.param() as Record<string, string>
  }
  get cookies(): Record<string, string> {
    this.#cookies ??= getCookie(this.c)
    return this.#cookies
  }
  /** The peer's address when the runtime gives it, else null. */
  get client(): Address | null {
    const env = this.c.env as NodeEnv | undefined
    if (env?.client) return env.client
    const peer = clientAddress(this.c)
    return peer === undefined ? null : { host: peer.address, port: peer.port ?? 0 }
  }
  /** The subprotocols the client offered, in its order of preference. */
  get subprotocols(): string[] {
    return this.connection.protocols
  }

  get client_state(): WebSocketState {
    const state = this.connection.state
    if (state === 'connected') return WebSocketState.CONNECTED
    if (state === 'connecting') return WebSocketState.CONNECTING
    return this.#closedByApp ? WebSocketState.CONNECTED : WebSocketState.DISCONNECTED
  }
  get application_state(): WebSocketState {
    if (this.#closedByApp) return WebSocketState.DISCONNECTED
    const state = this.connection.state
    if (state === 'connected') return WebSocketState.CONNECTED
    return state === 'connecting' ? WebSocketState.CONNECTING : WebSocketState.DISCONNECTED
  }

  /** Completes the handshake, with a chosen subprotocol and extra response headers. */
  async accept(options: { subprotocol?: string | null; headers?: HeadersInit } = {}): Promise<void> {
    await this.connection.accept({
      ...(options.subprotocol == null ? {} : { subprotocol: options.subprotocol }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    })
  }

  /** The next message: text or bytes. @throws WebSocketDisconnect once the client has left. */
  async receive(): Promise<string | Uint8Array> {
    this.#connected()
    return this.connection.receive()
  }
  async receive_text(): Promise<string> {
    const message = await this.receive()
    if (typeof message !== 'string') throw new TypeError('Expected a text message, received bytes.')
    return message
  }
  async receive_bytes(): Promise<Uint8Array> {
    const message = await this.receive()
    if (typeof message === 'string') throw new TypeError('Expected a bytes message, received text.')
    return message
  }
  /** The next message parsed as JSON; `mode: 'binary'` reads it from a bytes message. */
  async receive_json<T = any>(mode: JsonMode = 'text'): Promise<T> {
    const text = mode === 'text' ? await this.receive_text() : decoder.decode(await this.receive_bytes())
    return JSON.parse(text) as T
  }

  /** Text messages until the client leaves. */
  async *iter_text(): AsyncGenerator<string, void, undefined> {
    yield* this.#iterate(() => this.receive_text())
  }
  /** Bytes messages until the client leaves. */
  async *iter_bytes(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* this.#iterate(() => this.receive_bytes())
  }
  /** JSON messages until the client leaves. */
  async *iter_json<T = any>(): AsyncGenerator<T, void, undefined> {
    yield* this.#iterate(() => this.receive_json<T>())
  }

  send_text(data: string): Promise<void> {
    return this.#send(data)
  }
  send_bytes(data: Uint8Array): Promise<void> {
    return this.#send(data)
  }
  /** Sends a value as JSON: a text message, or UTF-8 bytes with `mode: 'binary'`. */
  send_json(data: unknown, mode: JsonMode = 'text'): Promise<void> {
    const text = JSON.stringify(data)
    return this.#send(mode === 'text' ? text : encoder.encode(text))
  }

  /** Closes the connection (before `accept()`, refuses the handshake). */
  async close(options: { code?: number; reason?: string | null } = {}): Promise<void> {
    const code = options.code ?? 1000
    const reason = options.reason ?? ''
    if (this.#closedByApp) throw new RuntimeError('Cannot call "close" once a close message has been sent.')
    if (this.connection.state === 'connecting') this.#sink?.refused(code, reason)
    this.#closedByApp = true
    this.connection.close(code, reason)
  }

  async #send(data: string | Uint8Array): Promise<void> {
    if (this.#closedByApp) throw new RuntimeError('Cannot call "send" once a close message has been sent.')
    this.#connected()
    this.connection.send(data)
  }

  #connected(): void {
    if (this.connection.state === 'connecting') throw new RuntimeError(NOT_CONNECTED)
  }

  async *#iterate<T>(next: () => Promise<T>): AsyncGenerator<T, void, undefined> {
    while (true) {
      let value: T
      try {
        value = await next()
      } catch (error) {
        if (error instanceof WebSocketDisconnect) return
        throw error
      }
      yield value
    }
  }
}

/** Python's `RuntimeError`, as Starlette raises it for a misuse of the connection. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError'
}
