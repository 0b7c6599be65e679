import { dumpCookie as sessionDumpCookie } from '../sessions/cookie.js'

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

/**
 * A `Set-Cookie` value in werkzeug's attribute order and quoting (`dump_cookie`); the same
 * writer the session cookie uses.
 *
 * @example
 * dumpCookie('theme', 'dark', { max_age: 60 }) // 'theme=dark; Expires=...; Max-Age=60; Path=/'
 */
export const dumpCookie: (key: string, value: string, options?: SetCookieOptions) => string =
  sessionDumpCookie

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
