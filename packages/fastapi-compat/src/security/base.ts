import { HTTPException } from '@bustapi/core'

/** What a security utility answers when `auto_error` is off: the value, or `undefined`. */
export type Credential<T, AutoError extends boolean> = AutoError extends false ? T | undefined : T

/**
 * FastAPI's answer to missing or invalid credentials: 401 `Not authenticated` with the scheme's
 * `WWW-Authenticate` challenge (RFC 9110 requires one on every 401).
 *
 * @example
 * throw notAuthenticated('Bearer')
 */
export function notAuthenticated(challenge: string): HTTPException {
  return new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': challenge })
}

/**
 * Splits an `Authorization` header into its scheme and its parameter, as FastAPI's
 * `get_authorization_scheme_param` does (`''`, `''` when absent).
 *
 * @example
 * authorizationSchemeParam('Bearer abc') // ['Bearer', 'abc']
 */
export function authorizationSchemeParam(value: string | null | undefined): [string, string] {
  if (!value) return ['', '']
  const space = value.indexOf(' ')
  if (space < 0) return [value, '']
  return [value.slice(0, space), value.slice(space + 1).trim()]
}

/** Drops `undefined` members so a security scheme's OpenAPI model has only what is set. */
export function compact<T extends Record<string, unknown>>(model: T): T {
  for (const key of Object.keys(model)) if (model[key] === undefined) delete model[key]
  return model
}

/**
 * Reads one cookie from a request's `Cookie` header.
 *
 * @example
 * readCookie(request, 'session') // 'abc' | undefined
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      return decodeURIComponent(value)
    } catch {
      return value
    }
  }
  return undefined
}
