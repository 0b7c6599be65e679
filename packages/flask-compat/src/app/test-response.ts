import { statusLine } from '../wrappers/response.js'

const decoder = new TextDecoder()

/**
 * A response as Flask's test client returns it: the body read, with werkzeug's names.
 * @example
 * const res = await client.get('/')
 * res.status_code // 200
 * res.get_json()
 */
export class TestResponse {
  readonly status_code: number
  readonly headers: Headers
  readonly data: Uint8Array
  /** Responses of the redirects followed before this one (`follow_redirects`). */
  readonly history: TestResponse[]
  /** The request that produced it. */
  readonly request: globalThis.Request

  constructor(
    status: number,
    headers: Headers,
    data: Uint8Array,
    request: globalThis.Request,
    history: TestResponse[] = [],
  ) {
    this.status_code = status
    this.headers = headers
    this.data = data
    this.request = request
    this.history = history
  }

  /** Reads a Web response fully. */
  static async from(
    res: globalThis.Response,
    request: globalThis.Request,
    history: TestResponse[] = [],
  ): Promise<TestResponse> {
    const data = new Uint8Array(await res.arrayBuffer())
    return new TestResponse(res.status, res.headers, data, request, history)
  }

  /** `200 OK`. */
  get status(): string {
    return statusLine(this.status_code)
  }
  get text(): string {
    return decoder.decode(this.data)
  }
  get content_type(): string | null {
    return this.headers.get('content-type')
  }
  get mimetype(): string {
    return (this.content_type ?? '').split(';')[0]!.trim().toLowerCase()
  }
  get location(): string | null {
    return this.headers.get('location')
  }
  get content_length(): number | null {
    const v = this.headers.get('content-length')
    return v === null ? null : Number(v)
  }
  get is_json(): boolean {
    const mt = this.mimetype
    return mt === 'application/json' || (mt.startsWith('application/') && mt.endsWith('+json'))
  }
  /** The body as bytes, or text with `{ as_text: true }`. */
  get_data(options: { as_text: true }): string
  get_data(options?: { as_text?: false }): Uint8Array
  get_data(options: { as_text?: boolean } = {}): string | Uint8Array {
    return options.as_text ? this.text : this.data
  }
  /** The parsed JSON body; null when the response is not JSON (unless `force`). */
  get_json<T = unknown>(options: { force?: boolean; silent?: boolean } = {}): T | null {
    if (!(options.force || this.is_json)) return null
    try {
      return JSON.parse(this.text) as T
    } catch (error) {
      if (options.silent) return null
      throw error
    }
  }
  get json(): unknown {
    return this.get_json()
  }
}
