import { HTTPException } from '../exceptions.js'
import { dumps } from '../json.js'
import { isTuple } from '../sessions/index.js'
import { Response } from '../wrappers/response.js'

/** The view returned something Flask cannot turn into a response. */
export class ViewReturnError extends TypeError {
  override name = 'TypeError'
}

// A status that can only be one: an integer code 100-599, or a string such as '404 NOT FOUND'.
function isStatus(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 100 && value <= 599
  return typeof value === 'string' && /^[1-5]\d\d(\s|$)/.test(value)
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

// Text-like bodies: with one of these first, an object second can only be headers.
function isTextBody(body: unknown): boolean {
  return (
    typeof body === 'string' ||
    body instanceof Response ||
    body instanceof globalThis.Response ||
    body instanceof Uint8Array ||
    (typeof body === 'object' &&
      body !== null &&
      typeof (body as { __html__?: unknown }).__html__ === 'function')
  )
}

// What a tuple's body may be; numbers, booleans and null never are, so `[1, 2]` stays a JSON list.
function isBody(body: unknown): boolean {
  return typeof body === 'string' || (typeof body === 'object' && body !== null)
}

/**
 * Whether a plain array is Flask's response tuple rather than a JSON list. Arrays made with
 * `tuple()` always are (`make_response` and Flask's own semantics). Otherwise the array must
 * read unambiguously as one:
 *
 * - `[body, status]`: a string, object, array or Response body and a status 100-599
 *   (`['Created', 201]`, `[{ id: 1 }, 201]`); `[1, 2]` or `['a', 7]` are JSON lists;
 * - `[body, headers]`: a text body (string, bytes, Markup, Response) with headers as an object
 *   of strings or a list of pairs, or any body with a `Headers` instance;
 * - `[body, status, headers]`: a body, a status and headers (or null).
 *
 * For a JSON list that has one of these shapes return `jsonify([...])`; for a dict body with
 * plain-object headers return `tuple(body, headers)`.
 *
 * @example
 * isResponseTuple(['Created', 201]) // true
 * isResponseTuple([1, 2]) // false: a JSON list
 */
export function isResponseTuple(value: readonly unknown[]): boolean {
  if (isTuple(value)) return true
  if (!isBody(value[0])) return false
  if (value.length === 3)
    return isStatus(value[1]) && (value[2] === null || value[2] === undefined || isHeaders(value[2]))
  if (value.length === 2) {
    if (isStatus(value[1]) || value[1] instanceof Headers) return true
    return isTextBody(value[0]) && isHeaders(value[1])
  }
  return false
}

/** Flask's unpacking of a response tuple: `[body, status?, headers?]`. */
function unpack(rv: readonly unknown[]): [unknown, unknown, unknown] {
  if (rv.length === 3) return [rv[0], rv[1], rv[2]]
  if (rv.length === 2) {
    const second = rv[1]
    // as Flask: a mapping or a list second is headers, anything else the status
    const headers =
      second instanceof Headers || Array.isArray(second) || (typeof second === 'object' && second !== null)
    return headers ? [rv[0], undefined, second] : [rv[0], second, undefined]
  }
  throw new ViewReturnError(
    'The view function did not return a valid response tuple. The tuple must have the form (body, status, headers), (body, status), or (body, headers).',
  )
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
  if (Array.isArray(rv) && isResponseTuple(rv)) [rv, status, headers] = unpack(rv)
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
