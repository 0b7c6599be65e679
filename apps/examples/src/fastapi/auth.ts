// Password hashing and access tokens on Web Crypto only, so the example runs on every runtime.

const encoder = new TextEncoder()
const ITERATIONS = 100_000

function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let out = ''
  for (const b of view) out += b.toString(16).padStart(2, '0')
  return out
}
function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length >> 1)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}
function toBase64Url(text: string): string {
  const bytes = encoder.encode(text)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}
function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

async function pbkdf2(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256)
}

/** Equal-time comparison, so a wrong guess takes as long as a near miss. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Hashes a password with PBKDF2-SHA256 and a random salt: `pbkdf2$<iterations>$<salt>$<hash>`.
 * @example
 * const stored = await hashPassword('secret')
 */
export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return `pbkdf2$${iterations}$${toHex(salt)}$${toHex(await pbkdf2(password, salt, iterations))}`
}

/**
 * Checks a password against `hashPassword`'s output.
 * @example
 * await verifyPassword('secret', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$')
  if (scheme !== 'pbkdf2' || !iterations || !salt || !hash) return false
  const actual = new Uint8Array(await pbkdf2(password, fromHex(salt), Number(iterations)))
  return same(actual, fromHex(hash))
}

/** Signs and checks access tokens: `base64url(JSON payload).hex(HMAC-SHA256)`. */
export class TokenSigner {
  readonly #key: Promise<CryptoKey>
  constructor(
    secret: string,
    readonly ttlSeconds = 30 * 60,
  ) {
    this.#key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
  }

  /** A token for `sub`, expiring after the signer's TTL. */
  async sign(sub: string, now = Date.now()): Promise<string> {
    const payload = toBase64Url(JSON.stringify({ sub, exp: Math.floor(now / 1000) + this.ttlSeconds }))
    const mac = await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(payload))
    return `${payload}.${toHex(mac)}`
  }

  /** The subject of a valid, unexpired token, else `undefined`. */
  async verify(token: string, now = Date.now()): Promise<string | undefined> {
    const [payload, mac] = token.split('.')
    if (!payload || !mac || !/^[0-9a-f]{64}$/.test(mac)) return undefined
    const ok = await crypto.subtle.verify('HMAC', await this.#key, fromHex(mac), encoder.encode(payload))
    if (!ok) return undefined
    try {
      const { sub, exp } = JSON.parse(fromBase64Url(payload)) as { sub?: unknown; exp?: unknown }
      if (typeof sub !== 'string' || typeof exp !== 'number' || exp * 1000 <= now) return undefined
      return sub
    } catch {
      return undefined
    }
  }
}
