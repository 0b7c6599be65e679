import type { FastAPI } from './applications.js'
import { openTestSession, type WebSocketTestSession } from './websockets/test-session.js'

type Files = Record<
  string,
  Blob | File | [string, BlobPart | Blob, string?] | Array<[string, BlobPart | Blob, string?]>
>

/** Request keywords, as `httpx`'s. */
export interface RequestOptions {
  params?: Record<string, string | number | boolean | Array<string | number | boolean>>
  /** A record, a Headers object or `[name, value]` pairs (repeat a name to send it twice). */
  headers?: HeadersInit
  cookies?: Record<string, string>
  json?: unknown
  data?: Record<string, string | number | boolean | Array<string | number>> | string
  files?: Files
  content?: BodyInit
  follow_redirects?: boolean
}

/** A response as the test client returns it. */
export interface TestResponse {
  readonly status_code: number
  readonly headers: Headers
  readonly text: string
  readonly content: Uint8Array
  readonly cookies: Record<string, string>
  readonly url: string
  json(): any
}

/**
 * FastAPI's `TestClient`: in-process requests with httpx's keywords; persists cookies; waits for
 * background tasks; `await client.start()` / `close()` (or `await using`) run the lifespan.
 *
 * @example
 * const client = new TestClient(app)
 * const res = await client.get('/items/foo', { headers: { 'X-Token': 'coneofsilence' } })
 * expect(res.json()).toEqual({ id: 'foo', title: 'Foo' })
 */
export class TestClient {
  readonly cookies = new Map<string, string>()
  readonly base_url: string

  constructor(
    readonly app: FastAPI,
    options: { base_url?: string; follow_redirects?: boolean } = {},
  ) {
    this.base_url = options.base_url ?? 'http://testserver'
    this.#follow = options.follow_redirects ?? true
  }
  readonly #follow: boolean

  /** Starts the app (startup functions and lifespan). */
  async start(): Promise<this> {
    await this.app.startup()
    return this
  }
  /** Shuts the app down. */
  async close(): Promise<void> {
    await this.app.shutdown()
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, options)
  }
  post(url: string, options?: RequestOptions) {
    return this.request('POST', url, options)
  }
  put(url: string, options?: RequestOptions) {
    return this.request('PUT', url, options)
  }
  patch(url: string, options?: RequestOptions) {
    return this.request('PATCH', url, options)
  }
  delete(url: string, options?: RequestOptions) {
    return this.request('DELETE', url, options)
  }
  head(url: string, options?: RequestOptions) {
    return this.request('HEAD', url, options)
  }
  options(url: string, options?: RequestOptions) {
    return this.request('OPTIONS', url, options)
  }

  /**
   * Opens a WebSocket to the app, as Starlette's `websocket_connect`: cookies kept by the client
   * are sent, and a refused handshake throws `WebSocketDisconnect` with the endpoint's close code.
   * @example
   * const websocket = await client.websocket_connect('/items/foo/ws?token=some-token')
   * websocket.send_text('hi')
   * await websocket.receive_text()
   */
  websocket_connect(
    url: string,
    options: Pick<RequestOptions, 'params' | 'headers' | 'cookies'> & { subprotocols?: string[] } = {},
  ): Promise<WebSocketTestSession> {
    const { target, headers } = this.#prepare(url, options)
    return openTestSession(this.app, target.toString(), headers, options.subprotocols ?? [])
  }

  /** The URL with `params`, and the headers a client sends: user agent, Host and the jar's cookies. */
  #prepare(
    url: string,
    options: Pick<RequestOptions, 'params' | 'headers' | 'cookies'>,
  ): { target: URL; headers: Headers } {
    const target = new URL(url, this.base_url)
    for (const [key, value] of Object.entries(options.params ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) target.searchParams.append(key, String(v))
    }
    const headers = new Headers(options.headers)
    if (!headers.has('user-agent')) headers.set('user-agent', 'testclient')
    // As on the wire: an in-process Request carries no Host header unless it is given one.
    if (!headers.has('host')) headers.set('host', target.host)
    const cookies = { ...Object.fromEntries(this.cookies), ...(options.cookies ?? {}) }
    const cookieText = Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ')
    if (cookieText !== '' && !headers.has('cookie')) headers.set('cookie', cookieText)
    return { target, headers }
  }

  /** Sends one request and reads the whole response. */
  async request(method: string, url: string, options: RequestOptions = {}, hops = 0): Promise<TestResponse> {
    const { target, headers } = this.#prepare(url, options)
    let body: BodyInit | undefined
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    } else if (options.files !== undefined) {
      const form = new FormData()
      if (options.data && typeof options.data === 'object') {
        for (const [k, v] of Object.entries(options.data))
          for (const x of [v].flat()) form.append(k, String(x))
      }
      for (const [name, spec] of Object.entries(options.files)) {
        const list =
          Array.isArray(spec) && Array.isArray(spec[0])
            ? (spec as Array<[string, BlobPart | Blob, string?]>)
            : [spec]
        for (const item of list) {
          if (item instanceof Blob) form.append(name, item, item instanceof File ? item.name : 'upload')
          else {
            const [filename, content, type] = item as [string, BlobPart | Blob, string?]
            const blob =
              content instanceof Blob
                ? content
                : new Blob([content], { type: type ?? 'application/octet-stream' })
            form.append(name, blob, filename)
          }
        }
      }
      body = form
    } else if (typeof options.data === 'string') {
      body = new TextEncoder().encode(options.data)
    } else if (options.data !== undefined) {
      const form = new URLSearchParams()
      for (const [k, v] of Object.entries(options.data)) for (const x of [v].flat()) form.append(k, String(x))
      body = form
    } else if (options.content !== undefined) {
      // Encoded, so fetch does not add `text/plain` as httpx would not.
      body = typeof options.content === 'string' ? new TextEncoder().encode(options.content) : options.content
    }
    const pending: Promise<unknown>[] = []
    const ctx = {
      waitUntil: (p: Promise<unknown>) => void pending.push(p),
      passThroughOnException() {},
      props: {},
    }
    const res = await this.app.fetch(new Request(target, { method, headers, body }), {}, ctx)
    const content = new Uint8Array(await res.arrayBuffer())
    await Promise.all(pending)
    const received: Record<string, string> = {}
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';', 1)
      const eq = pair!.indexOf('=')
      const key = pair!.slice(0, eq).trim()
      const value = decodeURIComponent(pair!.slice(eq + 1).trim())
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(key)
      else {
        this.cookies.set(key, value)
        received[key] = value
      }
    }
    const location = res.headers.get('location')
    if (
      (options.follow_redirects ?? this.#follow) &&
      location &&
      res.status >= 300 &&
      res.status < 400 &&
      hops < 20
    ) {
      const keep = res.status === 307 || res.status === 308
      return this.request(
        keep ? method : 'GET',
        new URL(location, target).toString(),
        keep ? options : {},
        hops + 1,
      )
    }
    const text = new TextDecoder().decode(content)
    return {
      status_code: res.status,
      headers: res.headers,
      text,
      content,
      cookies: received,
      url: target.toString(),
      json: () => JSON.parse(text),
    }
  }
}
