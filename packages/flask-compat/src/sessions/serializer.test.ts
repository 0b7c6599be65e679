import { describe, expect, it } from 'vitest'
import { BadSignature, SignatureExpired, URLSafeTimedSerializer } from './serializer.js'

const at = (now: number, keys: string | string[] = 'secret') =>
  new URLSafeTimedSerializer(keys, { salt: 'cookie-session', now: () => now })

describe('URLSafeTimedSerializer', () => {
  // itsdangerous tests/test_itsdangerous/test_timed.py::TestTimedSerializer::test_decode_with_timeout
  it('rejects a value older than max_age and accepts it within', async () => {
    const signed = await at(1000).dumps({ a: 1 })
    expect(await at(1010).loads(signed, 10)).toEqual({ a: 1 })
    await expect(at(1011).loads(signed, 10)).rejects.toBeInstanceOf(SignatureExpired)
  })

  // itsdangerous test_timed.py::TestTimestampSigner::test_future_age
  it('rejects a timestamp from the future when max_age is given', async () => {
    const signed = await at(2000).dumps('x')
    await expect(at(1000).loads(signed, 10)).rejects.toBeInstanceOf(SignatureExpired)
    expect(await at(1000).loads(signed)).toBe('x')
  })

  // itsdangerous test_signer.py::TestSigner::test_invalid_separator / test_bad_signature
  it.each([
    ['no separator', 'abc'],
    ['changed payload', null],
    ['bad base64 signature', 'eyJhIjoxfQ.AAAA.!!!'],
    ['empty', ''],
  ])('throws BadSignature for %s', async (_n, input) => {
    let value = input
    if (value === null) {
      const signed = await at(1000).dumps({ admin: false })
      value = `eyJhZG1pbiI6dHJ1ZX0${signed.slice(signed.indexOf('.'))}`
    }
    await expect(at(1000).loads(value)).rejects.toBeInstanceOf(BadSignature)
  })

  // itsdangerous test_serializer.py::TestSerializer::test_fallback / key rotation
  it('signs with the newest key and verifies with any key', async () => {
    const old = await at(1000, 'a').dumps(1)
    const rotated = at(1000, ['a', 'b'])
    expect(await rotated.loads(old)).toBe(1)
    const fresh = await rotated.dumps(2)
    expect(await at(1000, 'b').loads(fresh)).toBe(2)
    await expect(at(1000, 'a').loads(fresh)).rejects.toBeInstanceOf(BadSignature)
  })

  it('compresses only when that makes the payload shorter', async () => {
    expect((await at(1).dumps({ a: 1 })).startsWith('.')).toBe(false)
    expect((await at(1).dumps({ a: 'x'.repeat(200) })).startsWith('.')).toBe(true)
    expect(await at(1).loads(await at(1).dumps({ a: 'x'.repeat(200) }))).toEqual({ a: 'x'.repeat(200) })
  })

  it('rejects a compressed cookie whose payload was swapped', async () => {
    // sign "." + garbage with the real key: only the payload step can fail
    const s = at(1, 'k')
    const good = await s.dumps({ a: 'y'.repeat(100) })
    const bogus = good.replace(/^\.[^.]+/, '.AAAA')
    await expect(s.loads(bogus)).rejects.toBeInstanceOf(BadSignature)
  })
})
