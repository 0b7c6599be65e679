import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  isTuple,
  Markup,
  SecureCookieSessionInterface,
  tuple,
  URLSafeTimedSerializer,
} from '../../packages/flask-compat/src/sessions/index.js'

// Real Flask (Debian's python3-flask under /usr/bin/python3) makes and reads session cookies;
// we check that both sides produce and accept the same bytes.
const PYTHON = '/usr/bin/python3'
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'flask_session.py')
const hasFlask = spawnSync(PYTHON, ['-c', 'import flask'], { stdio: 'ignore' }).status === 0
const itFlask = hasFlask ? it : it.skip
const SKIP_REASON = 'python3-flask not installed: apt-get install python3-flask'
const NOW = 1_700_000_000

type Op = Record<string, unknown>
function flask(ops: Op[]): Record<string, unknown>[] {
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(ops), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`flask oracle failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Record<string, unknown>[]
}

function serializer(keys: string | string[]) {
  return new URLSafeTimedSerializer(keys, { salt: 'cookie-session', now: () => NOW })
}

const big = { items: Array.from({ length: 40 }, (_, i) => ({ id: i, name: `item number ${i}` })) }

describe(`session cookies against real Flask${hasFlask ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  itFlask('writes byte for byte the cookie Flask writes for the same data, key and time', async () => {
    const data = { user: 1, name: 'é ☃', list: [1, 'two', null, true], nested: { b: 2, a: 1 } }
    const [res] = flask([{ op: 'dump', secret: 'dev key', data, now: NOW }])
    expect(await serializer('dev key').dumps(data)).toBe(res!.value)
  })

  // zlib streams may differ byte-wise (Node bundles Chromium's zlib, Python uses the system's),
  // so for compressed payloads we prove equivalence: both compress, each reads the other's.
  itFlask('compresses a large session as Flask does (a "." prefix) and to the same payload', async () => {
    const [res] = flask([{ op: 'dump', secret: 'dev key', data: big, now: NOW }])
    const ours = await serializer('dev key').dumps(big)
    expect(ours.startsWith('.')).toBe(true)
    expect(String(res!.value).startsWith('.')).toBe(true)
    expect(await serializer('dev key').loads(ours)).toEqual(
      await serializer('dev key').loads(String(res!.value)),
    )
  })

  itFlask('reads a compressed cookie Flask made', async () => {
    const [res] = flask([{ op: 'dump', secret: 'k', data: big, now: NOW }])
    expect(await serializer('k').loads(String(res!.value), 3600)).toEqual(big)
  })

  itFlask(
    "decodes Flask's tagged types: tuple, bytes, Markup, UUID, datetime, tag-like dict keys",
    async () => {
      const [res] = flask([{ op: 'dump', secret: 'k', special: true, now: NOW }])
      const session = (await serializer('k').loads(String(res!.value))) as Record<string, unknown>
      expect(isTuple(session.t)).toBe(true)
      expect([...(session.t as unknown[])]).toEqual([1, 2, 'three'])
      expect(session.b).toEqual(new Uint8Array([0xff, 0, ...new TextEncoder().encode('bytes')]))
      expect(session.m).toBeInstanceOf(Markup)
      expect(String(session.m)).toBe('<em>safe</em>')
      expect(session.u).toBe('12345678-1234-5678-1234-567812345678')
      expect((session.d as Date).toISOString()).toBe('2030-01-02T03:04:05.000Z')
      expect(session.t_tag).toEqual({ ' t': 'not-a-tuple' })
    },
  )

  itFlask('Flask reads our cookie, including tagged types it turns back into Python types', async () => {
    const cookie = await serializer('k').dumps({
      user: 7,
      flashes: [tuple('message', 'Hi')],
      raw: new Uint8Array([1, 2]),
      html: new Markup('<b>x</b>'),
      when: new Date(Date.UTC(2031, 0, 1)),
      di: { ' di': 'not-a-dict' },
    })
    const [res] = flask([{ op: 'load', secret: 'k', cookie, now: NOW }])
    expect(res!.session).toEqual({
      user: 7,
      flashes: [{ __tuple__: ['message', 'Hi'] }],
      raw: { __bytes__: '0102' },
      html: { __markup__: '<b>x</b>' },
      when: { __datetime__: Date.UTC(2031, 0, 1) / 1000 },
      di: { ' di': 'not-a-dict' },
    })
  })

  itFlask('Flask reads our compressed cookie', async () => {
    const cookie = await serializer('k').dumps(big)
    expect(cookie.startsWith('.')).toBe(true)
    const [res] = flask([{ op: 'load', secret: 'k', cookie, now: NOW }])
    expect(res!.session).toEqual(big)
  })

  itFlask('a cookie signed with an old key is read through SECRET_KEY_FALLBACKS on both sides', async () => {
    const [fromFlask] = flask([{ op: 'dump', secret: 'old key', data: { a: 1 }, now: NOW }])
    const rotated = serializer(['older key', 'old key', 'new key'])
    expect(await rotated.loads(String(fromFlask!.value))).toEqual({ a: 1 })

    const ours = await serializer('old key').dumps({ b: 2 })
    const [read, readWithout] = flask([
      { op: 'load', secret: 'new key', fallbacks: ['old key'], cookie: ours, now: NOW },
      { op: 'load', secret: 'new key', cookie: ours, now: NOW },
    ])
    expect(read!.session).toEqual({ b: 2 })
    expect(readWithout!.session).toEqual({})
  })

  itFlask(
    'signs with the current key, so Flask without the fallbacks reads what we write after rotation',
    async () => {
      const cookie = await serializer(['old key', 'new key']).dumps({ c: 3 })
      const [res] = flask([{ op: 'load', secret: 'new key', cookie, now: NOW }])
      expect(res!.session).toEqual({ c: 3 })
    },
  )

  itFlask('a cookie tampered with after Flask signed it gives an empty session here', async () => {
    const [res] = flask([{ op: 'dump', secret: 'k', data: { admin: false }, now: NOW }])
    const value = String(res!.value)
    const tampered = `${value.slice(0, 5)}${value[5] === 'A' ? 'B' : 'A'}${value.slice(6)}`
    const iface = new SecureCookieSessionInterface()
    iface.now = () => NOW
    const app = { secret_key: 'k', config: {} }
    const good = await iface.open_session(
      app,
      new Request('http://x/', { headers: { cookie: `session=${value}` } }),
    )
    const bad = await iface.open_session(
      app,
      new Request('http://x/', { headers: { cookie: `session=${tampered}` } }),
    )
    expect(good!.toJSON()).toEqual({ admin: false })
    expect(bad!.toJSON()).toEqual({})
  })

  itFlask('the full Set-Cookie of a permanent session has the attributes in werkzeug order', async () => {
    const [res] = flask([{ op: 'dump', secret: 'k', data: { a: 1 }, permanent: true, now: NOW }])
    const iface = new SecureCookieSessionInterface()
    iface.now = () => NOW
    const session = (await iface.open_session({ secret_key: 'k', config: {} }, new Request('http://x/')))!
    session.a = 1
    session.permanent = true
    const out = await iface.save_session({ secret_key: 'k', config: {} }, session, new Response(''))
    const strip = (h: string) => h.replace(/Expires=[^;]+/, 'Expires=*')
    expect(strip(out.headers.get('set-cookie')!)).toBe(strip(String(res!.set_cookie)))
  })
})
