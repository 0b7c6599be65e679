import { HTTPException } from '../exceptions.js'
import { dumps } from '../json.js'
import { Response } from '../wrappers/response.js'

/** The view returned something Flask cannot turn into a response. */
export class ViewReturnError extends TypeError {
  override name = 'TypeError'
}

function isStatus(value: unknown): value is number | string {
  return (
    (typeof value === 'number' && Number.isInteger(value)) ||
    (typeof value === 'string' && /^\d{3}(\s|$)/.test(value))
  )
}

function isHeaders(value: unknown): boolean {
  if (value instanceof Headers) return true
  if (Array.isArray(value))
    return value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return false
  return Object.values(value).every(
    (v) =>
      typeof v === 'string' ||
      typeof v === 'number' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  )
}

/**
 * Whether an array is Flask's response tuple rather than a JSON list: `[body, status]`,
 * `[body, headers]` or `[body, status, headers]`, with a status that looks like one and headers
 * that are a Headers, a list of pairs or an object of strings. Return `jsonify([...])` for a JSON
 * list of that shape.
 */
export function isResponseTuple(value: readonly unknown[]): boolean {
  if (value.length === 3)
    return isStatus(value[1]) && (value[2] === null || value[2] === undefined || isHeaders(value[2]))
  if (value.length === 2) {
    if (isStatus(value[1])) return true
    if (value[1] instanceof Headers) return true
    const body = value[0]
    const bodyLike =
      typeof body === 'string' ||
      body instanceof Response ||
      body instanceof globalThis.Response ||
      body instanceof Uint8Array
    return bodyLike && isHeaders(value[1])
  }
  return false
}

function isIterator(
  value: object,
): value is Iterator<string | Uint8Array> | AsyncIterable<string | Uint8Array> {
  return (
    value instanceof ReadableStream ||
    Symbol.asyncIterator in value ||
    (Symbol.iterator in value && typeof (value as { next?: unknown }).next === 'function')
  )
}

function setHeaders(target: Headers, headers: unknown): void {
  if (headers === null || headers === undefined) return
  const entries: [string, string][] = []
  if (headers instanceof Headers) for (const [k, v] of headers) entries.push([k, v])
  else if (Array.isArray(headers)) for (const [k, v] of headers) entries.push([String(k), String(v)])
  else
    for (const [k, v] of Object.entries(headers))
      for (const item of Array.isArray(v) ? v : [v]) entries.push([k, String(item)])
  // werkzeug's Headers.update: each named header is replaced by the new value(s)
  const seen = new Set<string>()
  for (const [k, v] of entries) {
    const key = k.toLowerCase()
    if (!seen.has(key)) {
      target.delete(key)
      seen.add(key)
    }
    target.append(key, v)
  }
}

/**
 * Turns a view's return value into a Flask `Response`, as `Flask.make_response` does.
 * @throws TypeError for undefined/null and for values of no known shape.
 * @example toResponse(['Created', 201, { Location: '/x' }], 'create')
 */
export function toResponse(rv: unknown, endpoint: string | null = null): Response {
  let status: unknown
  let headers: unknown
  if (Array.isArray(rv) && isResponseTuple(rv)) {
    if (rv.length === 3) [rv, status, headers] = rv
    else if (isStatus(rv[1])) [rv, status] = rv
    else [rv, headers] = rv
  }
  if (rv === undefined || rv === null) {
    throw new ViewReturnError(
      `The view function for '${endpoint}' did not return a valid response. The function either returned None or ended without a return statement.`,
    )
  }
  let response: Response
  if (rv instanceof Response) response = rv
  else if (typeof rv === 'object' && typeof (rv as { __html__?: unknown }).__html__ === 'function') {
    // Markup is a str in Python: safe HTML text, not a JSON object
    response = new Response(String((rv as { __html__(): unknown }).__html__()))
  } else if (typeof rv === 'string' || rv instanceof Uint8Array) {
    response = new Response(rv)
  } else if (rv instanceof globalThis.Response) response = Response.fromWeb(rv)
  else if (rv instanceof HTTPException) response = Response.fromWeb(rv.get_response())
  else if (typeof rv === 'object' && isIterator(rv)) {
    response = new Response(rv as AsyncIterable<string | Uint8Array>)
  } else if (Array.isArray(rv) || (typeof rv === 'object' && rv !== null)) {
    response = new Response(`${dumps(rv)}\n`, { mimetype: 'application/json' })
  } else {
    throw new ViewReturnError(
      `The view function did not return a valid response. The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a ${typeof rv}.`,
    )
  }
  if (status !== undefined && status !== null) response.status = status as number | string
  if (headers) setHeaders(response.headers, headers)
  return response
}
