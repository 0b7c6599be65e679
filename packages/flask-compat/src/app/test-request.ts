import { encodeQuery } from './url-build.js'

/** A file in test form data: a Blob, or `[blob, filename]` as werkzeug's `(file, filename)`. */
export type TestFile = Blob | readonly [Blob, string]

/** How the test client and `test_request_context` describe a request (werkzeug's EnvironBuilder). */
export interface RequestOptions {
  method?: string
  /** Appended to the path's own query: a string, an object (lists repeat the key) or pairs. */
  query_string?: string | Record<string, unknown> | readonly (readonly [string, unknown])[]
  headers?: HeadersInit
  /** A raw body, or form fields (multipart when a value is a file). */
  data?: string | Uint8Array | FormData | Record<string, unknown>
  /** A value sent as a JSON body with `Content-Type: application/json`. */
  json?: unknown
  content_type?: string
  /** Scheme, host and root the path is resolved against. Default `http://localhost/`. */
  base_url?: string
}

function isFile(value: unknown): value is TestFile {
  return (
    value instanceof Blob ||
    (Array.isArray(value) && value.length === 2 && value[0] instanceof Blob && typeof value[1] === 'string')
  )
}

function formBody(data: Record<string, unknown>): { body: BodyInit; type?: string } {
  const entries = Object.entries(data)
  const multipart = entries.some(([, v]) => isFile(v) || (Array.isArray(v) && v.some(isFile)))
  if (!multipart) return { body: encodeQuery(entries), type: 'application/x-www-form-urlencoded' }
  const form = new FormData()
  for (const [k, value] of entries) {
    const items = Array.isArray(value) && !isFile(value) ? value : [value]
    for (const item of items) {
      if (item instanceof Blob) form.append(k, item, item instanceof File ? item.name : 'blob')
      else if (isFile(item)) {
        const [blob, filename] = item as readonly [Blob, string]
        form.append(k, blob, filename)
      } else if (item !== null && item !== undefined) form.append(k, String(item))
    }
  }
  return { body: form }
}

/**
 * A Web Request as werkzeug's test environment builds one.
 * @example buildTestRequest('/search', { query_string: { q: 'x' } }).url // 'http://localhost/search?q=x'
 */
export function buildTestRequest(path: string, options: RequestOptions = {}): globalThis.Request {
  const base = options.base_url ?? 'http://localhost/'
  const url = /^https?:\/\//.test(path)
    ? new URL(path)
    : new URL(path.replace(/^\/?/, ''), base.endsWith('/') ? base : `${base}/`)
  if (options.query_string !== undefined) {
    const qs = options.query_string
    const extra =
      typeof qs === 'string'
        ? qs.replace(/^\?/, '')
        : encodeQuery(Array.isArray(qs) ? qs : Object.entries(qs))
    if (extra) url.search = url.search ? `${url.search}&${extra}` : `?${extra}`
  }
  const headers = new Headers(options.headers)
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  } else if (options.data !== undefined) {
    const data = options.data
    if (typeof data === 'string' || data instanceof Uint8Array || data instanceof FormData)
      body = data as BodyInit
    else {
      const form = formBody(data)
      body = form.body
      if (form.type && !headers.has('content-type')) headers.set('content-type', form.type)
    }
  }
  if (options.content_type !== undefined) headers.set('content-type', options.content_type)
  const method = (options.method ?? 'GET').toUpperCase()
  if (body !== undefined && typeof body === 'string')
    headers.set('content-length', String(new TextEncoder().encode(body).byteLength))
  else if (body instanceof Uint8Array) headers.set('content-length', String(body.byteLength))
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD'
  return new globalThis.Request(url, { method, headers, body: hasBody ? body : undefined })
}
