import { locateJsonError, mediaTypeOf } from '@bustapi/core'
import { Authorization, MIMEAccept } from '../datastructures/accept.js'
import { FileStorage } from '../datastructures/file-storage.js'
import { CombinedMultiDict, type IndexedMultiDict, MultiDict } from '../datastructures/multidict.js'
import { BadRequest, UnsupportedMediaType } from '../exceptions.js'
import { EMPTY_BODY, type LoadedBody } from '../internal/body.js'
import { tryFlaskState } from '../internal/state.js'
import type { Rule } from '../routing/rule.js'
import { parseCookieHeader } from './cookies.js'

/** What the layer knows about a request beyond the Web `Request` (set by the dispatcher or ProxyFix). */
export interface RequestEnviron {
  /** The mount prefix the app is served under (`SCRIPT_NAME`). */
  script_root: string
  /** The path relative to the app (`PATH_INFO`), percent-decoding as the router saw it. */
  path: string
  /** The path as the router matched it (percent-escapes of reserved characters kept). */
  match_path?: string
  remote_addr: string | null
  /** Overrides from ProxyFix. */
  scheme?: string
  host?: string
}

const decoder = new TextDecoder()

const NOT_PARSED: unique symbol = Symbol('not parsed')

/**
 * Flask's `Request`: read it through the `request` proxy inside a view or hook. Body fields are
 * synchronous because the layer reads the body (within limits) before the view runs.
 *
 * @example
 * app.post('/echo', () => ({ q: request.args.get('q'), name: request.form.get('name') }))
 */
export class Request {
  readonly raw: globalThis.Request
  readonly environ: RequestEnviron
  /** The matched rule, or null on 404/405. */
  url_rule: Rule | null = null
  view_args: Record<string, unknown> | null = null
  /** The routing error (404, 405, 308) to raise instead of calling a view. */
  routing_exception: Error | null = null
  readonly #body: LoadedBody
  #url: URL | undefined
  #blueprints: string[] | undefined
  #args?: MultiDict
  #form?: MultiDict
  #files?: MultiDict<FileStorage>
  #cookies?: MultiDict
  #json: unknown = NOT_PARSED
  #mimetype: string | undefined
  #accept?: MIMEAccept

  constructor(
    raw: globalThis.Request,
    environ: RequestEnviron,
    body: LoadedBody = EMPTY_BODY,
    mimetype?: string,
  ) {
    this.raw = raw
    this.environ = environ
    this.#body = body
    this.#mimetype = mimetype
  }

  get #parsed(): URL {
    this.#url ??= new URL(this.raw.url)
    return this.#url
  }

  get method(): string {
    return this.raw.method
  }
  get headers(): Headers {
    return this.raw.headers
  }
  get scheme(): string {
    return this.environ.scheme ?? this.raw.url.slice(0, this.raw.url.indexOf(':'))
  }
  get is_secure(): boolean {
    return this.scheme === 'https' || this.scheme === 'wss'
  }
  get host(): string {
    return this.environ.host ?? this.raw.headers.get('host') ?? this.#parsed.host
  }
  get script_root(): string {
    return this.environ.script_root
  }
  get root_path(): string {
    return this.environ.script_root
  }
  get path(): string {
    return this.environ.path
  }
  /** The raw query string (without `?`). */
  get query_string(): string {
    // sliced from the URL string: parsing a URL object per request costs more than the view
    const url = this.raw.url
    const q = url.indexOf('?')
    if (q < 0) return ''
    const hash = url.indexOf('#', q)
    return hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash)
  }
  get full_path(): string {
    return `${this.path}?${this.query_string}`
  }
  get host_url(): string {
    return `${this.scheme}://${this.host}/`
  }
  get root_url(): string {
    return `${this.scheme}://${this.host}${this.script_root}/`
  }
  get url_root(): string {
    return this.root_url
  }
  get base_url(): string {
    return `${this.scheme}://${this.host}${this.script_root}${encodePath(this.path)}`
  }
  get url(): string {
    const q = this.query_string
    return q ? `${this.base_url}?${q}` : this.base_url
  }
  get remote_addr(): string | null {
    return this.environ.remote_addr
  }
  get endpoint(): string | null {
    return this.url_rule?.endpoint ?? null
  }
  /** The blueprint's name (dotted for nested ones) the endpoint belongs to, or null. */
  get blueprint(): string | null {
    const endpoint = this.endpoint
    const dot = endpoint?.lastIndexOf('.') ?? -1
    return dot > 0 ? endpoint!.slice(0, dot) : null
  }
  /** The blueprint and its parents, innermost first: `['a.b', 'a']`. */
  get blueprints(): string[] {
    if (this.#blueprints === undefined) {
      const name = this.blueprint
      const parts = name === null ? [] : name.split('.')
      this.#blueprints = parts.map((_, i) => parts.slice(0, parts.length - i).join('.'))
    }
    // a copy: callers reverse it
    return this.#blueprints.length === 0 ? [] : [...this.#blueprints]
  }

  /** The query string as a MultiDict (invalid UTF-8 becomes U+FFFD, as werkzeug's `replace`). */
  get args(): IndexedMultiDict {
    this.#args ??= new MultiDict(new URLSearchParams(this.query_string))
    return this.#args as IndexedMultiDict
  }
  get cookies(): MultiDict {
    this.#cookies ??= new MultiDict(Object.entries(parseCookieHeader(this.raw.headers.get('cookie'))))
    return this.#cookies
  }
  get content_type(): string | null {
    return this.raw.headers.get('content-type')
  }
  get mimetype(): string {
    if (this.#mimetype === undefined) this.#mimetype = mediaTypeOf(this.content_type)
    return this.#mimetype
  }
  get mimetype_params(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const p of (this.content_type ?? '').split(';').slice(1)) {
      const eq = p.indexOf('=')
      if (eq > 0)
        out[p.slice(0, eq).trim().toLowerCase()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1')
    }
    return out
  }
  get content_length(): number | null {
    const v = this.raw.headers.get('content-length')
    const n = v === null ? Number.NaN : Number(v)
    return Number.isInteger(n) && n >= 0 ? n : null
  }
  get content_encoding(): string | null {
    return this.raw.headers.get('content-encoding')
  }
  get user_agent(): string {
    return this.raw.headers.get('user-agent') ?? ''
  }
  get referrer(): string | null {
    return this.raw.headers.get('referer')
  }
  get authorization(): Authorization | null {
    return Authorization.from_header(this.raw.headers.get('authorization'))
  }
  get accept_mimetypes(): MIMEAccept {
    this.#accept ??= new MIMEAccept(this.raw.headers.get('accept'))
    return this.#accept
  }
  get accept_languages(): MIMEAccept {
    return new MIMEAccept(this.raw.headers.get('accept-language'))
  }
  get accept_encodings(): MIMEAccept {
    return new MIMEAccept(this.raw.headers.get('accept-encoding'))
  }
  get accept_charsets(): MIMEAccept {
    return new MIMEAccept(this.raw.headers.get('accept-charset'))
  }
  /** `application/json` or `application/*+json`. */
  get is_json(): boolean {
    const mt = this.mimetype
    return mt === 'application/json' || (mt.startsWith('application/') && mt.endsWith('+json'))
  }

  #checkBody(): LoadedBody {
    if (this.#body.error !== undefined) throw this.#body.error
    return this.#body
  }
  /** Form fields of a urlencoded or multipart body. */
  get form(): IndexedMultiDict {
    this.#form ??= new MultiDict(this.#checkBody().fields)
    return this.#form as IndexedMultiDict
  }
  /** Uploaded files of a multipart body, by field name. */
  get files(): IndexedMultiDict<FileStorage> {
    this.#files ??= new MultiDict(
      this.#checkBody().files.map((f) => [f.fieldName, new FileStorage(f)] as const),
    )
    return this.#files as IndexedMultiDict<FileStorage>
  }
  /** `args` and `form` together (args first). */
  get values(): IndexedMultiDict {
    return new CombinedMultiDict(
      this.method === 'GET' ? [this.args] : [this.args, this.form],
    ) as IndexedMultiDict
  }
  /** The raw body; empty when it was parsed as a form. */
  get_data(options: { as_text: true }): string
  get_data(options?: { as_text?: false }): Uint8Array
  get_data(options: { as_text?: boolean } = {}): string | Uint8Array {
    const bytes = this.#checkBody().bytes
    return options.as_text ? decoder.decode(bytes) : bytes
  }
  get data(): Uint8Array {
    return this.get_data()
  }

  /**
   * The parsed JSON body. Not JSON content → 415 (unless `force`); malformed → 400; with
   * `silent` both give `null` instead.
   */
  get_json<T = unknown>(options?: { force?: boolean; silent?: boolean }): T | null {
    if (!(options?.force || this.is_json)) {
      if (options?.silent) return null
      throw new UnsupportedMediaType(
        "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
      )
    }
    if (this.#json !== NOT_PARSED) return this.#json as T
    const text = this.get_data({ as_text: true })
    try {
      const value = JSON.parse(text)
      this.#json = value
      return value as T
    } catch (error) {
      if (options?.silent) return null
      return this.on_json_loading_failed(error, text) as T
    }
  }
  /** `get_json()`: the JSON body, 415 when the request is not JSON. */
  get json(): unknown {
    return this.get_json()
  }
  /** Called when the JSON body does not parse; raises a 400 (override to customise). */
  on_json_loading_failed(_error: unknown, text?: string): unknown {
    // as Flask: the parser's message only in debug mode, else werkzeug's generic 400 page
    const where = text === undefined || !tryFlaskState()?.app.debug ? undefined : locateJsonError(text)
    if (where === undefined || text === undefined) throw new BadRequest()
    // Python's json wording, which Flask puts in the 400 page
    const before = text.slice(0, where.position)
    const line = before.split('\n').length
    const column = before.includes('\n') ? where.position - before.lastIndexOf('\n') : where.position + 1
    throw new BadRequest(
      `Failed to decode JSON object: ${where.message}: line ${line} column ${column} (char ${where.position})`,
    )
  }
}

function encodePath(path: string): string {
  return encodeURI(path).replace(/%25([0-9A-Fa-f]{2})/g, '%$1')
}
