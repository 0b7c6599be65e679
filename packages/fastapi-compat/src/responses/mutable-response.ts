/** Cookie attributes with Starlette's names. */
export interface SetCookieOptions {
  max_age?: number
  expires?: Date | string | number
  path?: string
  domain?: string
  secure?: boolean
  httponly?: boolean
  samesite?: 'lax' | 'strict' | 'none'
}

/**
 * Serialises a `Set-Cookie` value as Starlette does (path `/` and `SameSite=lax` by default).
 * @example
 * serializeCookie('session', 'abc', { httponly: true }) // 'session=abc; HttpOnly; Path=/; SameSite=lax'
 */
export function serializeCookie(key: string, value: string, options: SetCookieOptions = {}): string {
  let out = `${key}=${encodeURIComponent(value)}`
  if (options.max_age !== undefined) out += `; Max-Age=${options.max_age}`
  if (options.expires !== undefined) {
    const date =
      typeof options.expires === 'number'
        ? new Date(Date.now() + options.expires * 1000)
        : new Date(options.expires)
    out += `; expires=${date.toUTCString()}`
  }
  if (options.domain !== undefined) out += `; Domain=${options.domain}`
  if (options.httponly) out += '; HttpOnly'
  out += `; Path=${options.path ?? '/'}`
  out += `; SameSite=${options.samesite ?? 'lax'}`
  if (options.secure) out += '; Secure'
  return out
}

/**
 * The handler's mutable `response` (FastAPI's `Response` parameter): its status, headers and
 * cookies are merged into whatever the handler returns (unless it returns a Response itself).
 *
 * @example
 * app.get('/', {}, (_, { response }) => { response.status_code = 201; response.set_cookie('a', 'b'); return {} })
 */
export class MutableResponse {
  status_code: number | undefined = undefined
  #headers: Headers | undefined = undefined

  /** Headers merged into the answer; created on first use, so untouched requests allocate none. */
  get headers(): Headers {
    return (this.#headers ??= new Headers())
  }

  /** Adds a `Set-Cookie` header. */
  set_cookie(key: string, value = '', options: SetCookieOptions = {}): void {
    this.headers.append('set-cookie', serializeCookie(key, value, options))
  }

  /** Expires a cookie. */
  delete_cookie(
    key: string,
    options: Pick<SetCookieOptions, 'path' | 'domain' | 'secure' | 'httponly' | 'samesite'> = {},
  ): void {
    this.set_cookie(key, '', { ...options, max_age: 0, expires: new Date(0) })
  }

  /** Copies status and headers onto a response the layer built. */
  applyTo(response: Response): Response {
    const headers = this.#headers
    if (headers === undefined) return response
    let headersTouched = false
    headers.forEach(() => {
      headersTouched = true
    })
    if (!headersTouched) return response
    for (const [name, value] of headers) {
      if (name === 'set-cookie') continue
      response.headers.set(name, value)
    }
    for (const cookie of headers.getSetCookie()) response.headers.append('set-cookie', cookie)
    return response
  }
}
