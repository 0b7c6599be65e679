import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

/** One secret, or several for rotation: the first signs, every one verifies. */
export type Secrets = string | readonly string[]

/** Cookie attributes, as Hono's `setCookie` takes them. */
export type CookieOptions = NonNullable<Parameters<typeof setCookie>[3]>

const encoder = new TextEncoder()
const keys = new Map<string, Promise<CryptoKey>>()

// Importing a key costs more than the HMAC itself, so each secret is imported once.
function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    if (keys.size > 64) keys.clear()
    keys.set(secret, key)
  }
  return key
}

function toBase64(bytes: ArrayBuffer): string {
  let binary = ''
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b)
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text)
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  } catch {
    return undefined
  }
}

function listOf(secrets: Secrets): readonly string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets
  if (list.length === 0) throw new Error('Signed cookies need at least one secret.')
  return list
}

/**
 * Signs `value` with HMAC-SHA256 under the first secret: `value.signature` (base64), the format
 * Hono's `getSignedCookie` reads.
 * @example
 * const signed = await signValue('user-1', ['new-secret', 'old-secret'])
 */
export async function signValue(value: string, secrets: Secrets): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await keyFor(listOf(secrets)[0]!), encoder.encode(value))
  return `${value}.${toBase64(signature)}`
}

/**
 * The value inside a signed string when any listed secret verifies it, else `false`.
 * Verification is `crypto.subtle.verify`, which compares in constant time.
 * @example
 * const value = await unsignValue(cookie, ['new-secret', 'old-secret'])
 */
export async function unsignValue(signed: string, secrets: Secrets): Promise<string | false> {
  const dot = signed.lastIndexOf('.')
  if (dot < 1) return false
  const signature = fromBase64(signed.slice(dot + 1))
  if (signature === undefined || signature.length !== 32) return false
  const value = signed.slice(0, dot)
  const data = encoder.encode(value)
  for (const secret of listOf(secrets)) {
    if (await crypto.subtle.verify('HMAC', await keyFor(secret), signature as BufferSource, data))
      return value
  }
  return false
}

/**
 * Reads a signed cookie: its value, `false` when present but tampered with (or signed with an
 * unknown key), `undefined` when absent.
 * @example
 * const user = await getSignedCookie(c, 'user', secrets)
 */
export async function getSignedCookie(
  c: Context<any>,
  name: string,
  secrets: Secrets,
): Promise<string | false | undefined> {
  const raw = getCookie(c, name)
  if (raw === undefined) return undefined
  return unsignValue(raw, secrets)
}

/**
 * Sets a cookie signed with the newest secret.
 * @example
 * await setSignedCookie(c, 'user', 'u1', secrets, { httpOnly: true, sameSite: 'Lax' })
 */
export async function setSignedCookie(
  c: Context<any>,
  name: string,
  value: string,
  secrets: Secrets,
  options?: CookieOptions,
): Promise<void> {
  setCookie(c, name, await signValue(value, secrets), options)
}
