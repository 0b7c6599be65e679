import type { Session } from '../sessions/index.js'
import type { Flask } from './flask.js'
import { buildTestRequest, type RequestOptions } from './test-request.js'
import { TestResponse } from './test-response.js'

/** Options of the test client's requests. */
export interface ClientRequestOptions extends RequestOptions {
  /** Follow redirects (up to 20) and return the last response, the others in `history`. */
  follow_redirects?: boolean
}

interface StoredCookie {
  value: string
  path: string
}

const REDIRECTS = new Set([301, 302, 303, 305, 307, 308])

/**
 * Flask's test client: requests in process through `app.fetch`, cookies kept between calls.
 *
 * @example
 * const client = app.test_client()
 * await client.post('/login', { data: { user: 'ada' }, follow_redirects: true })
 * const res = await client.get('/me')
 * res.get_json()
 */
export class FlaskClient {
  readonly application: Flask
  readonly #cookies = new Map<string, StoredCookie>()

  constructor(app: Flask) {
    this.application = app
  }

  /** Sends a request; `method` defaults to GET. */
  async open(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    let response = await this.#send(path, options)
    if (!options.follow_redirects) return response
    const history: TestResponse[] = []
    let current = options
    while (REDIRECTS.has(response.status_code) && response.location !== null && history.length < 20) {
      history.push(response)
      const target = new URL(response.location, response.request.url)
      const keepBody = response.status_code === 307 || response.status_code === 308
      current = keepBody
        ? { ...current, query_string: undefined }
        : { headers: current.headers, method: response.request.method === 'HEAD' ? 'HEAD' : 'GET' }
      response = await this.#send(`${target.pathname}${target.search}`, {
        ...current,
        base_url: target.origin,
      })
    }
    return new TestResponse(response.status_code, response.headers, response.data, response.request, history)
  }
  get(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'GET' })
  }
  post(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'POST' })
  }
  put(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'PUT' })
  }
  patch(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'PATCH' })
  }
  delete(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'DELETE' })
  }
  head(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'HEAD' })
  }
  options(path: string, options: ClientRequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: 'OPTIONS' })
  }

  /** A cookie the client holds, or undefined. @example client.get_cookie('session')?.value */
  get_cookie(key: string): { key: string; value: string; path: string } | undefined {
    const c = this.#cookies.get(key)
    return c && { key, ...c }
  }
  /** Sets a cookie sent with later requests. */
  set_cookie(key: string, value = '', options: { path?: string } = {}): void {
    this.#cookies.set(key, { value, path: options.path ?? '/' })
  }
  delete_cookie(key: string): void {
    this.#cookies.delete(key)
  }

  /**
   * Opens the session the client's cookies carry, lets `fn` change it, and stores the saved
   * cookie, as Flask's `session_transaction`.
   * @example await client.session_transaction((s) => { s.user_id = 1 })
   */
  async session_transaction(
    fn: (session: Session) => unknown,
    options: RequestOptions & { path?: string } = {},
  ): Promise<void> {
    const app = this.application
    const request = this.#withCookies(buildTestRequest(options.path ?? '/', options))
    const iface = app.session_interface
    const session = await iface.open_session(app, request)
    if (session === null) throw new Error('Session backend did not open a session. Check the configuration.')
    await fn(session)
    const response = new globalThis.Response('')
    const saved = (await iface.save_session(app, session, response)) ?? response
    this.#store(saved.headers, request.url)
  }

  #withCookies(request: globalThis.Request): globalThis.Request {
    const path = new URL(request.url).pathname
    const pairs: string[] = []
    for (const [k, c] of this.#cookies)
      if (path.startsWith(c.path.replace(/\/$/, '')) || c.path === '/') pairs.push(`${k}=${c.value}`)
    if (pairs.length === 0) return request
    const headers = new Headers(request.headers)
    const own = headers.get('cookie')
    headers.set('cookie', own ? `${own}; ${pairs.join('; ')}` : pairs.join('; '))
    return new globalThis.Request(request, { headers })
  }

  #store(headers: Headers, url: string): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair!.indexOf('=')
      if (eq < 0) continue
      const key = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      let path = new URL(url).pathname.replace(/\/[^/]*$/, '') || '/'
      let expired = false
      for (const attr of attrs) {
        const [name, v = ''] = attr.split('=').map((s) => s.trim())
        const lower = name!.toLowerCase()
        if (lower === 'path') path = v || '/'
        else if (lower === 'max-age' && Number(v) <= 0) expired = true
        else if (lower === 'expires' && Date.parse(v) <= Date.now()) expired = true
      }
      if (expired) this.#cookies.delete(key)
      else this.#cookies.set(key, { value, path })
    }
  }

  async #send(path: string, options: ClientRequestOptions): Promise<TestResponse> {
    const request = this.#withCookies(buildTestRequest(path, options))
    const res = await this.application.fetch(request.clone(), { remote_addr: '127.0.0.1' })
    this.#store(res.headers, request.url)
    return TestResponse.from(res, request)
  }
}
