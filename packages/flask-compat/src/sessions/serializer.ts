import { base64Decode, base64UrlEncode, bytesToInt, fromBytes, intToBytes, toBytes } from './encoding.js'
import { taggedDumps, taggedLoads } from './tagged-json.js'
import { zlibCompress, zlibDecompress } from './zlib.js'

/** A secret key as Flask accepts it: text (UTF-8) or bytes. */
export type SecretKey = string | Uint8Array

/** The signature or payload did not verify (itsdangerous `BadSignature`). */
export class BadSignature extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadSignature'
  }
}

/** The signature is valid but older than `max_age` (itsdangerous `SignatureExpired`). */
export class SignatureExpired extends BadSignature {
  constructor(message: string) {
    super(message)
    this.name = 'SignatureExpired'
  }
}

/** Options of `URLSafeTimedSerializer`. */
export interface SerializerOptions {
  /** Defaults to `itsdangerous`'s default; Flask sessions use `'cookie-session'`. */
  salt?: string | Uint8Array
  /** Payload serializer; defaults to Flask's tagged JSON. */
  serializer?: { dumps(value: unknown): string; loads(text: string): unknown }
  /** Clock in seconds since the epoch (tests pin it). */
  now?: () => number
}

const SEP = 0x2e // '.'
const encoder = new TextEncoder()
const hmacSha1 = { name: 'HMAC', hash: 'SHA-1' } as const

function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>
}

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', buf(raw), hmacSha1, false, ['sign', 'verify'])
}

/**
 * itsdangerous's `URLSafeTimedSerializer` with Flask's session settings: `hmac` key derivation
 * (HMAC-SHA1 of the salt keyed by the secret), HMAC-SHA1 signatures, URL-safe base64 without
 * padding, a big-endian timestamp, zlib compression (prefix `.`) when it is shorter. Keys are
 * given oldest to newest: the last one signs, all verify (key rotation).
 *
 * @example
 * const s = new URLSafeTimedSerializer(['old key', 'current key'], { salt: 'cookie-session' })
 * const cookie = await s.dumps({ user: 1 })
 * await s.loads(cookie, 3600) // { user: 1 }
 */
export class URLSafeTimedSerializer {
  readonly #secrets: Uint8Array[]
  readonly #salt: Uint8Array
  readonly #serializer: NonNullable<SerializerOptions['serializer']>
  readonly #now: () => number
  #keys: Promise<CryptoKey[]> | undefined

  constructor(secretKeys: SecretKey | SecretKey[], options: SerializerOptions = {}) {
    const list = Array.isArray(secretKeys) ? secretKeys : [secretKeys]
    if (list.length === 0) throw new TypeError('URLSafeTimedSerializer needs at least one secret key.')
    this.#secrets = list.map(toBytes)
    this.#salt = toBytes(options.salt ?? 'itsdangerous')
    this.#serializer = options.serializer ?? { dumps: taggedDumps, loads: taggedLoads }
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000))
  }

  /** Derived signing keys, newest first (the order itsdangerous tries them). */
  #derivedKeys(): Promise<CryptoKey[]> {
    this.#keys ??= Promise.all(
      [...this.#secrets].reverse().map(async (secret) => {
        const derived = await crypto.subtle.sign('HMAC', await importKey(secret), buf(this.#salt))
        return importKey(new Uint8Array(derived))
      }),
    )
    return this.#keys
  }

  /** Serializes, compresses when shorter, timestamps and signs `value` with the newest key. */
  async dumps(value: unknown): Promise<string> {
    const json = encoder.encode(this.#serializer.dumps(value))
    const compressed = await zlibCompress(json)
    const payload =
      compressed.length < json.length - 1 ? `.${base64UrlEncode(compressed)}` : base64UrlEncode(json)
    const signed = `${payload}.${base64UrlEncode(intToBytes(this.#now()))}`
    const [key] = await this.#derivedKeys()
    const sig = await crypto.subtle.sign('HMAC', key!, buf(encoder.encode(signed)))
    return `${signed}.${base64UrlEncode(new Uint8Array(sig))}`
  }

  /**
   * Verifies (constant-time, any key) and decodes a value; throws `BadSignature`, or
   * `SignatureExpired` when older than `maxAge` seconds or dated in the future.
   */
  async loads(signed: string, maxAge?: number | null): Promise<unknown> {
    const bytes = toBytes(signed)
    const sigAt = bytes.lastIndexOf(SEP)
    if (sigAt < 0) throw new BadSignature("No '.' found in value")
    const value = bytes.subarray(0, sigAt)
    let sig: Uint8Array
    try {
      sig = base64Decode(fromBytes(bytes.subarray(sigAt + 1)))
    } catch {
      throw new BadSignature('Invalid signature encoding')
    }
    let ok = false
    for (const key of await this.#derivedKeys()) {
      if (await crypto.subtle.verify('HMAC', key, buf(sig), buf(value))) {
        ok = true
        break
      }
    }
    if (!ok) throw new BadSignature('Signature does not match')
    const tsAt = value.lastIndexOf(SEP)
    if (tsAt < 0) throw new BadSignature('timestamp missing')
    let timestamp: number
    try {
      timestamp = bytesToInt(base64Decode(fromBytes(value.subarray(tsAt + 1))))
    } catch {
      throw new BadSignature('Malformed timestamp')
    }
    if (maxAge !== undefined && maxAge !== null) {
      const age = this.#now() - timestamp
      if (age > maxAge) throw new SignatureExpired(`Signature age ${age} > ${maxAge} seconds`)
      if (age < 0) throw new SignatureExpired(`Signature age ${age} < 0 seconds`)
    }
    return this.#loadPayload(fromBytes(value.subarray(0, tsAt)))
  }

  async #loadPayload(payload: string): Promise<unknown> {
    try {
      const compressed = payload.startsWith('.')
      let json = base64Decode(compressed ? payload.slice(1) : payload)
      if (compressed) json = await zlibDecompress(json)
      return this.#serializer.loads(fromBytes(json))
    } catch (error) {
      throw new BadSignature(`Could not load the payload: ${(error as Error).message}`)
    }
  }
}
