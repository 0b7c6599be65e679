/** Byte and base64 helpers shared by the signer; runtime-neutral (no Buffer). */

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 bytes of a string, or the bytes themselves. */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value
}

/** Decodes UTF-8, throwing on invalid input (a tampered payload must fail, not turn into U+FFFD). */
export function fromBytes(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

/** Standard base64 with padding, as Python's `b64encode`. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** Decodes standard or URL-safe base64, with or without padding. Throws on bad input. */
export function base64Decode(text: string): Uint8Array {
  let normal = text.replace(/-/g, '+').replace(/_/g, '/')
  if (/[^A-Za-z0-9+/=]/.test(normal)) throw new Error('Invalid base64-encoded data')
  normal = normal.replace(/=+$/, '')
  normal += '='.repeat((4 - (normal.length % 4)) % 4)
  const binary = atob(normal)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** URL-safe base64 without padding, as itsdangerous's `base64_encode`. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Big-endian bytes of a non-negative integer, leading zeros stripped (itsdangerous `int_to_bytes`). */
export function intToBytes(num: number): Uint8Array {
  const out: number[] = []
  let n = Math.floor(num)
  while (n > 0) {
    out.unshift(n % 256)
    n = Math.floor(n / 256)
  }
  return new Uint8Array(out)
}

/** Big-endian integer of up to 8 bytes (itsdangerous `bytes_to_int`). */
export function bytesToInt(bytes: Uint8Array): number {
  if (bytes.length > 8) throw new Error('Malformed timestamp')
  let n = 0
  for (const b of bytes) n = n * 256 + b
  return n
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
