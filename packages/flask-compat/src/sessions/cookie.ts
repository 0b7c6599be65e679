/** Cookie header helpers in werkzeug's format (attribute order and spelling of `dump_cookie`). */

/** Attributes of `dumpCookie`, named as werkzeug's `set_cookie` names them. */
export interface DumpCookieOptions {
  max_age?: number | null
  expires?: Date | number | string | null
  path?: string | null
  domain?: string | null
  secure?: boolean
  httponly?: boolean
  samesite?: string | null
  partitioned?: boolean
}

const NO_QUOTE = /^[\w!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/

/** An HTTP date (`Thu, 01 Jan 1970 00:00:00 GMT`) of a Date or a Unix timestamp in seconds. */
export function httpDate(value: Date | number): string {
  return (typeof value === 'number' ? new Date(value * 1000) : value).toUTCString()
}

/**
 * A `Set-Cookie` value as werkzeug's `dump_cookie` writes it.
 *
 * @example
 * dumpCookie('session', 'abc', { httponly: true, path: '/' }) // 'session=abc; HttpOnly; Path=/'
 */
export function dumpCookie(name: string, value: string, options: DumpCookieOptions = {}): string {
  const path = options.path === undefined ? '/' : options.path
  let samesite = options.samesite ?? null
  if (samesite !== null) {
    samesite = samesite.charAt(0).toUpperCase() + samesite.slice(1).toLowerCase()
    if (!['Strict', 'Lax', 'None'].includes(samesite)) {
      throw new TypeError("SameSite must be 'Strict', 'Lax', or 'None'.")
    }
  }
  const domain = options.domain ? options.domain.split(':')[0]!.replace(/^\.+/, '') : null
  let expires: string | null = null
  if (options.expires !== undefined && options.expires !== null) {
    expires = typeof options.expires === 'string' ? options.expires : httpDate(options.expires)
  } else if (options.max_age !== undefined && options.max_age !== null) {
    expires = httpDate(new Date(Date.now() + options.max_age * 1000))
  }
  const secure = options.secure === true || options.partitioned === true
  let quoted = value
  if (!NO_QUOTE.test(value)) {
    quoted = `"${Array.from(new TextEncoder().encode(value), (b) =>
      b === 0x22 || b === 0x5c
        ? `\\${String.fromCharCode(b)}`
        : b < 0x20 || b > 0x7e || b === 0x2c || b === 0x3b
          ? `\\${b.toString(8).padStart(3, '0')}`
          : String.fromCharCode(b),
    ).join('')}"`
  }
  const parts = [`${name}=${quoted}`]
  if (domain) parts.push(`Domain=${domain}`)
  if (expires !== null) parts.push(`Expires=${expires}`)
  if (options.max_age !== undefined && options.max_age !== null) parts.push(`Max-Age=${options.max_age}`)
  if (secure) parts.push('Secure')
  if (options.httponly) parts.push('HttpOnly')
  if (path !== null) parts.push(`Path=${encodeURI(path).replace(/;/g, '%3B')}`)
  if (samesite !== null) parts.push(`SameSite=${samesite}`)
  if (options.partitioned) parts.push('Partitioned')
  return parts.join('; ')
}

/**
 * The first cookie named `name` in a `Cookie` header, unquoted; undefined when absent.
 *
 * @example
 * readCookie('a=1; session=xyz', 'session') // 'xyz'
 */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() !== name) continue
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value
        .slice(1, -1)
        .replace(/\\(\d{3}|.)/g, (_m, esc: string) =>
          esc.length === 3 ? String.fromCharCode(Number.parseInt(esc, 8)) : esc,
        )
    }
    return value
  }
  return undefined
}

/**
 * Adds a field to the response's `Vary` header once (case-insensitive), keeping existing ones.
 *
 * @example
 * addVary(response.headers, 'Cookie')
 */
export function addVary(headers: Headers, field: string): void {
  const current = headers.get('vary')
  if (!current) {
    headers.set('vary', field)
    return
  }
  const fields = current.split(',').map((f) => f.trim())
  if (fields.some((f) => f === '*' || f.toLowerCase() === field.toLowerCase())) return
  headers.set('vary', [...fields.filter(Boolean), field].join(', '))
}
