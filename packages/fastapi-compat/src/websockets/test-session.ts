import { connectWebSocket, type TestWebSocket, WebSocketDisconnect, WebSocketRefused } from '@bustapi/core'
import { TEST_SINK, type TestSink } from './test-sink.js'
import type { JsonMode } from './websocket.js'

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Anything with a fetch handler: a FastAPI app. */
interface Fetchable {
  fetch(request: Request, env?: any, ctx?: any): Response | Promise<Response>
}

/**
 * Starlette's `WebSocketDenialResponse`: the app answered the handshake with an HTTP response
 * (an `HTTPException` raised before `accept()`). It is a `WebSocketDisconnect` too, as upstream.
 *
 * @example
 * await expect(client.websocket_connect('/private')).rejects.toMatchObject({ status_code: 401 })
 */
export class WebSocketDenialResponse extends WebSocketDisconnect {
  override readonly name = 'WebSocketDisconnect'
  constructor(
    readonly status_code: number,
    readonly headers: Headers,
    readonly text: string,
  ) {
    super(1000, '')
    this.message = `WebSocket handshake denied with ${status_code}`
  }
  json(): any {
    return JSON.parse(this.text)
  }
}

/**
 * The client end of a TestClient WebSocket (Starlette's `WebSocketTestSession`): send and receive
 * text, bytes and JSON; `close()` waits for the endpoint to finish and raises what it raised,
 * `WebSocketDisconnect` included, as leaving Starlette's `with` block does.
 *
 * @example
 * const websocket = await client.websocket_connect('/ws')
 * websocket.send_text('hi')
 * expect(await websocket.receive_text()).toBe('Message text was: hi')
 * await expect(websocket.close()).rejects.toBeInstanceOf(WebSocketDisconnect)
 */
export class WebSocketTestSession {
  readonly #ws: TestWebSocket
  readonly #done: Promise<unknown>

  constructor(ws: TestWebSocket, done: Promise<unknown>) {
    this.#ws = ws
    this.#done = done
  }

  /** The subprotocol the endpoint accepted, or null. */
  get accepted_subprotocol(): string | null {
    return this.#ws.protocol === '' ? null : this.#ws.protocol
  }

  send_text(data: string): void {
    this.#ws.send(data)
  }
  send_bytes(data: Uint8Array): void {
    this.#ws.send(data)
  }
  send_json(data: unknown, mode: JsonMode = 'text'): void {
    const text = JSON.stringify(data)
    this.#ws.send(mode === 'text' ? text : encoder.encode(text))
  }

  /** The next message. @throws WebSocketDisconnect (code, reason) once the endpoint closed. */
  receive(): Promise<string | Uint8Array> {
    return this.#ws.receive()
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
  async receive_json<T = any>(mode: JsonMode = 'text'): Promise<T> {
    const text = mode === 'text' ? await this.receive_text() : decoder.decode(await this.receive_bytes())
    return JSON.parse(text) as T
  }

  /** Settles with the endpoint's close code and reason. */
  get closed(): Promise<WebSocketDisconnect> {
    return this.#ws.closed
  }

  /** Closes from the client side, then waits for the endpoint; rejects with its uncaught error. */
  async close(code = 1000, reason = ''): Promise<void> {
    this.#ws.close(code, reason)
    const error = await this.#done
    if (error !== undefined) throw error
  }
}

/**
 * Opens a WebSocket to a FastAPI app in process, as Starlette's `TestClient.websocket_connect`.
 * A refused handshake throws `WebSocketDisconnect` with the endpoint's close code (1000 when no
 * WebSocket route matched), or `WebSocketDenialResponse` when it was answered over HTTP.
 *
 * @example
 * const websocket = await openTestSession(app, 'http://testserver/ws', new Headers(), [])
 */
export async function openTestSession(
  app: Fetchable,
  url: string,
  headers: Headers,
  subprotocols: readonly string[],
): Promise<WebSocketTestSession> {
  let matched = false
  let refusal: WebSocketDisconnect | undefined
  let failure: unknown
  let finish!: (error: unknown) => void
  const done = new Promise<unknown>((resolve) => {
    finish = resolve
  })
  const sink: TestSink = {
    matched: () => {
      matched = true
    },
    refused: (code, reason) => {
      refusal = new WebSocketDisconnect(code, reason)
    },
    finished: (error) => {
      failure = error
      finish(error)
    },
  }
  let ws: TestWebSocket
  try {
    ws = await connectWebSocket(app, url, {
      headers,
      ...(subprotocols.length > 0 ? { protocols: [...subprotocols] } : {}),
      env: { [TEST_SINK]: sink },
    })
  } catch (error) {
    if (!(error instanceof WebSocketRefused)) throw error
    if (refusal !== undefined) throw refusal
    // The endpoint raised before accepting: the test sees its error, as with Starlette's client.
    if (failure !== undefined && !(failure instanceof WebSocketDisconnect)) throw failure
    // Starlette closes a WebSocket no route matched with 1000.
    if (!matched) throw new WebSocketDisconnect(1000, '')
    const res = error.response
    throw new WebSocketDenialResponse(res.status, res.headers, await res.text())
  }
  return new WebSocketTestSession(ws, done)
}
