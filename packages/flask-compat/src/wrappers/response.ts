import { runSyncWithContext, runWithContext, STATUS_CODES, tryGetContext } from '@bustapi/core'
import { dumpCookie, type SetCookieOptions } from './cookies.js'

/** What a Flask response body can be. */
export type ResponseBody =
  | string
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | null
  | undefined

export interface ResponseInit {
  status?: number | string
  headers?: HeadersInit
  mimetype?: string
  content_type?: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** `200 OK`, `404 NOT FOUND`: the status line as Flask's test client shows it. */
export function statusLine(code: number): string {
  return `${code} ${(STATUS_CODES[code] ?? 'UNKNOWN').toUpperCase()}`
}

/**
 * Flask's mutable `Response`: change `status_code`, `headers`, cookies and data in after-request
 * hooks, then it becomes a Web `Response` with `toWeb()`.
 *
 * @example
 * const res = new Response('Hello', { status: 201, mimetype: 'text/plain' })
 * res.set_cookie('seen', '1')
 * res.headers.set('X-Thing', 'yes')
 */
export class Response {
  static default_mimetype = 'text/html'
  status_code: number
  #body: ResponseBody
  // Headers are made on first use: most responses only ever carry a content type, and a Web
  // Headers object costs more per request than the rest of the response (measured).
  #headers: Headers | undefined
  #contentType: string | null = null
  /** True when the body is a stream or an iterable and is sent as it is produced. */
  direct_passthrough = false

  constructor(body?: ResponseBody, init: ResponseInit = {}) {
    this.status_code = 200
    if (init.status !== undefined) this.status = init.status
    this.#body = body
    if (init.headers !== undefined) {
      const headers = new Headers(init.headers)
      this.#headers = headers
      if (init.content_type) headers.set('content-type', init.content_type)
      else if (init.mimetype || !headers.has('content-type')) {
        const mimetype = init.mimetype ?? (this.constructor as typeof Response).default_mimetype
        headers.set('content-type', withCharset(mimetype))
      }
    } else {
      this.#contentType =
        init.content_type ||
        withCharset(init.mimetype || (this.constructor as typeof Response).default_mimetype)
    }
  }

  /** The response headers (a Web `Headers`, case-insensitive). */
  get headers(): Headers {
    if (this.#headers === undefined) {
      this.#headers = new Headers()
      if (this.#contentType !== null) this.#headers.set('content-type', this.#contentType)
    }
    return this.#headers
  }
  set headers(value: Headers) {
    this.#headers = value
  }

  /** Wraps a Web `Response` (status, headers and body stream kept). @example Response.fromWeb(await fetch(u)) */
  static fromWeb(res: globalThis.Response): Response {
    const out = new Response(res.body, { status: res.status, headers: res.headers })
    if (!res.headers.has('content-type')) out.headers.delete('content-type')
    return out
  }

  /** The status line, `200 OK`; assign a number or a `'201 CREATED'` string. */
  get status(): string {
    return statusLine(this.status_code)
  }
  set status(value: number | string) {
    const code = typeof value === 'number' ? value : Number.parseInt(value, 10)
    if (!Number.isInteger(code)) throw new TypeError(`Invalid status ${String(value)}`)
    this.status_code = code
  }

  get mimetype(): string | undefined {
    return this.content_type?.split(';')[0]?.trim().toLowerCase()
  }
  set mimetype(value: string) {
    this.content_type = withCharset(value)
  }
  get content_type(): string | null {
    return this.#headers === undefined ? this.#contentType : this.#headers.get('content-type')
  }
  set content_type(value: string) {
    if (this.#headers === undefined) this.#contentType = value
    else this.#headers.set('content-type', value)
  }
  get location(): string | null {
    return this.#headers?.get('location') ?? null
  }
  set location(value: string) {
    this.headers.set('location', value)
  }
  get content_length(): number | undefined {
    const v = this.#headers?.get('content-length') ?? null
    if (v !== null) return Number(v)
    const b = this.#body
    if (typeof b === 'string') return encoder.encode(b).byteLength
    if (b instanceof Uint8Array || b instanceof ArrayBuffer) return b.byteLength
    return b == null ? 0 : undefined
  }

  get is_streamed(): boolean {
    const b = this.#body
    return b != null && typeof b !== 'string' && !(b instanceof Uint8Array) && !(b instanceof ArrayBuffer)
  }

  /** The body as bytes, or as text with `{ as_text: true }`; streamed bodies cannot be read here. */
  get_data(options: { as_text: true }): string
  get_data(options?: { as_text?: false }): Uint8Array
  get_data(options: { as_text?: boolean } = {}): string | Uint8Array {
    const b = this.#body
    if (this.is_streamed) throw new TypeError('A streamed response has no data to read before it is sent.')
    if (options.as_text) return typeof b === 'string' ? b : b == null ? '' : decoder.decode(b as Uint8Array)
    if (typeof b === 'string') return encoder.encode(b)
    return b == null ? new Uint8Array() : b instanceof ArrayBuffer ? new Uint8Array(b) : (b as Uint8Array)
  }
  set_data(value: string | Uint8Array): void {
    this.#body = value
    this.#headers?.delete('content-length')
  }
  get data(): Uint8Array {
    return this.get_data()
  }
  set data(value: string | Uint8Array) {
    this.set_data(value)
  }
  /** The body as it was given (string, bytes, stream or iterable). */
  get body(): ResponseBody {
    return this.#body
  }
  set body(value: ResponseBody) {
    this.#body = value
  }

  /** Adds a `Set-Cookie` header in werkzeug's format. @example res.set_cookie('a', '1', { httponly: true }) */
  set_cookie(key: string, value = '', options: SetCookieOptions = {}): void {
    this.headers.append('set-cookie', dumpCookie(key, value, options))
  }
  /** Expires a cookie at once. @example res.delete_cookie('a') */
  delete_cookie(key: string, options: Omit<SetCookieOptions, 'max_age' | 'expires'> = {}): void {
    this.set_cookie(key, '', { ...options, max_age: 0, expires: 0 })
  }

  /** The `Vary` header as a set: `response.vary.add('Cookie')`. */
  get vary(): HeaderSet {
    return new HeaderSet(this.headers, 'vary')
  }

  /** The Web `Response` to send; streamed bodies keep the request context while they produce data. */
  toWeb(): globalThis.Response {
    const status = this.status_code
    const noBody = status === 204 || status === 304 || (status >= 100 && status < 200)
    const b = this.#body
    let body: BodyInit | null = null
    if (this.#headers === undefined) return this.#plainWeb(status, noBody, b)
    if (!noBody && b != null) {
      if (typeof b === 'string' || b instanceof Uint8Array || b instanceof ArrayBuffer) {
        // werkzeug sends Content-Length for bodies it holds whole; HEAD answers keep it too
        if (!this.headers.has('content-length')) this.headers.set('content-length', String(byteLength(b)))
        body = b as BodyInit
      } else if (b instanceof ReadableStream) body = b
      else body = iterableStream(b)
    }
    if (noBody) this.headers.delete('content-type')
    return new globalThis.Response(body, { status, headers: this.headers })
  }

  /** `toWeb` for a response whose headers were never touched: a plain header record, no Headers. */
  #plainWeb(status: number, noBody: boolean, b: ResponseBody): globalThis.Response {
    const headers: Record<string, string> = {}
    const type = this.#contentType
    if (noBody || b == null) {
      if (!noBody && type !== null) headers['content-type'] = type
      return new globalThis.Response(null, { status, headers })
    }
    if (type !== null) headers['content-type'] = type
    let body: BodyInit
    if (typeof b === 'string' || b instanceof Uint8Array || b instanceof ArrayBuffer) {
      headers['content-length'] = String(byteLength(b))
      body = b as BodyInit
    } else body = b instanceof ReadableStream ? b : iterableStream(b)
    return new globalThis.Response(body, { status, headers })
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
const ASCII = /^[\x00-\x7f]*$/

/** Bytes a body takes; ASCII text is counted without encoding it. */
function byteLength(body: string | Uint8Array | ArrayBuffer): number {
  if (typeof body !== 'string') return body.byteLength
  return ASCII.test(body) ? body.length : encoder.encode(body).byteLength
}

const charsetCache = new Map<string, string>()

function withCharset(mimetype: string): string {
  let out = charsetCache.get(mimetype)
  if (out === undefined) {
    out = addCharset(mimetype)
    if (charsetCache.size < 64) charsetCache.set(mimetype, out)
  }
  return out
}

function addCharset(mimetype: string): string {
  if (mimetype.includes(';')) return mimetype
  const textual =
    mimetype.startsWith('text/') ||
    mimetype.endsWith('+xml') ||
    mimetype === 'application/xml' ||
    mimetype === 'application/javascript'
  return textual ? `${mimetype}; charset=utf-8` : mimetype
}

/** A pull stream over an (async) iterable that runs each step inside the request's context. */
function iterableStream(
  source: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): ReadableStream<Uint8Array> {
  const store = tryGetContext()
  const it =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]()
      : (source as Iterable<string | Uint8Array>)[Symbol.iterator]()
  // A generator's body runs at each step: an async one needs its awaits tracked, a plain one not.
  const run = Symbol.asyncIterator in source ? runWithContext : runSyncWithContext
  const step = () => (store ? run(store, () => it.next()) : it.next())
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await step()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      await it.return?.()
    },
  })
}

/**
 * A comma-separated header viewed as a case-insensitive set (werkzeug's `HeaderSet`).
 *
 * @example
 * response.vary.add('Cookie')
 */
export class HeaderSet {
  constructor(
    private readonly headers: Headers,
    private readonly name: string,
  ) {}
  #items(): string[] {
    const v = this.headers.get(this.name)
    return v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : []
  }
  has(item: string): boolean {
    return this.#items().some((i) => i.toLowerCase() === item.toLowerCase())
  }
  add(item: string): void {
    if (!this.has(item)) this.headers.set(this.name, [...this.#items(), item].join(', '))
  }
  /** Adds several items. */
  update(items: Iterable<string>): void {
    for (const item of items) this.add(item)
  }
  delete(item: string): void {
    const rest = this.#items().filter((i) => i.toLowerCase() !== item.toLowerCase())
    if (rest.length) this.headers.set(this.name, rest.join(', '))
    else this.headers.delete(this.name)
  }
  toString(): string {
    return this.#items().join(', ')
  }
}
