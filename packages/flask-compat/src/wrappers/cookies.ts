/** Options of `response.set_cookie`, named as werkzeug's. */
export interface SetCookieOptions {
  max_age?: number | null
  expires?: Date | number | string | null
  path?: string | null
  domain?: string | null
  secure?: boolean
  httponly?: boolean
  samesite?: 'Strict' | 'Lax' | 'None' | 'strict' | 'lax' | 'none' | null
  partitioned?: boolean
}

const NO_QUOTE = /^[\w!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: werkzeug escapes control characters in cookie values
const SLASH = /[\x00-\x19",;\\\x7f-\xff]/g

function quote(value: string): string {
  if (NO_QUOTE.test(value)) return value
  const escaped = value.replace(SLASH, (ch) =>
    ch === '"' || ch === '\\' ? `\\${ch}` : `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`,
  )
  return `"${escaped}"`
}

function httpDate(value: Date | number | string): string {
  if (typeof value === 'string') return value
  return (typeof value === 'number' ? new Date(value * 1000) : value).toUTCString()
}

/**
 * A `Set-Cookie` value in werkzeug's attribute order and quoting (`dump_cookie`).
 *
 * @example
 * dumpCookie('theme', 'dark', { max_age: 60 }) // 'theme=dark; Expires=...; Max-Age=60; Path=/'
 */
export function dumpCookie(key: string, value: string, options: SetCookieOptions = {}): string {
  const parts = [`${key}=${quote(value)}`]
  const { max_age = null, path = '/', domain = null } = options
  let expires = options.expires ?? null
  if (expires === null && max_age !== null) expires = Date.now() / 1000 + max_age
  if (domain) parts.push(`Domain=${domain}`)
  if (expires !== null) parts.push(`Expires=${httpDate(expires)}`)
  if (max_age !== null) parts.push(`Max-Age=${Math.trunc(max_age)}`)
  if (options.secure) parts.push('Secure')
  if (options.httponly) parts.push('HttpOnly')
  if (path !== null) parts.push(`Path=${path}`)
  if (options.samesite) {
    const s = options.samesite.toLowerCase()
    parts.push(`SameSite=${s.charAt(0).toUpperCase()}${s.slice(1)}`)
  }
  if (options.partitioned) parts.push('Partitioned')
  return parts.join('; ')
}

/**
 * Parses a `Cookie` header into name → value (first occurrence wins, quoted values unquoted).
 *
 * @example
 * parseCookieHeader('a=1; b="x y"') // { a: '1', b: 'x y' }
 */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (name === '' || Object.hasOwn(out, name)) continue
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value
        .slice(1, -1)
        .replace(/\\([0-7]{3}|.)/g, (_, e: string) =>
          e.length === 3 ? String.fromCharCode(Number.parseInt(e, 8)) : e,
        )
    }
    out[name] = value
  }
  return out
}
