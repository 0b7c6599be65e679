import { describe, expect, it } from 'vitest'
import { environOf, setEnviron } from './environ.js'
import { ProxyFix, type ProxyFixOptions } from './proxy-fix.js'
import type { FetchHandler } from './types.js'

/** A handler that reports what an application would see, as werkzeug's test app asserts it. */
const echo: FetchHandler = async (request) => {
  const url = new URL(request.url)
  const environ = environOf(request)
  return Response.json({
    remote_addr: environ.remote_addr ?? null,
    url_root: `${url.protocol}//${request.headers.get('host') ?? url.host}${environ.script_root ?? ''}/`,
    url: request.url,
    orig: environ.proxy_fix_orig ?? null,
  })
}

async function call(options: ProxyFixOptions, headers: Record<string, string>, remote = '192.168.0.1') {
  const host = headers.host ?? 'localhost'
  const request = setEnviron(new Request(`http://${host}/path?q=1`, { headers }), { remote_addr: remote })
  const res = await new ProxyFix(echo, options)(request)
  return (await res.json()) as { remote_addr: string; url_root: string; url: string; orig: unknown }
}

describe('ProxyFix', () => {
  // werkzeug tests/middleware/test_proxy_fix.py::test_proxy_fix (each parametrized id)
  it.each<[string, ProxyFixOptions, Record<string, string>, string, string?]>([
    [
      'for',
      {},
      { host: 'spam', 'x-forwarded-for': '192.168.0.1', 'x-forwarded-proto': 'https' },
      'https://spam/',
      '192.168.0.2',
    ],
    ['proto', { x_proto: 1 }, { host: 'spam', 'x-forwarded-proto': 'https' }, 'https://spam/'],
    ['host', { x_host: 1 }, { host: 'spam', 'x-forwarded-host': 'eggs' }, 'http://eggs/'],
    [
      'port, host without port',
      { x_port: 1 },
      { host: 'spam', 'x-forwarded-port': '8080' },
      'http://spam:8080/',
    ],
    [
      'port, host with port',
      { x_port: 1 },
      { host: 'spam:9000', 'x-forwarded-port': '8080' },
      'http://spam:8080/',
    ],
    ['prefix', { x_prefix: 1 }, { host: 'spam', 'x-forwarded-prefix': '/eggs' }, 'http://spam/eggs/'],
    [
      'all',
      { x_for: 1, x_proto: 1, x_host: 1, x_port: 1, x_prefix: 1 },
      {
        host: 'spam:9000',
        'x-forwarded-for': '192.168.0.1',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'eggs',
        'x-forwarded-port': '443',
        'x-forwarded-prefix': '/ham',
      },
      'https://eggs/ham/',
      '192.168.0.2',
    ],
    [
      'multiple for',
      { x_for: 2 },
      { host: 'spam', 'x-forwarded-for': '192.168.0.1, 192.168.0.2' },
      'http://spam/',
      '192.168.0.3',
    ],
    ['ignore 0', { x_for: 0 }, { host: 'spam', 'x-forwarded-for': '192.168.0.2' }, 'http://spam/'],
    [
      'ignore len < trusted',
      { x_for: 3 },
      { host: 'spam', 'x-forwarded-for': '192.168.0.3, 192.168.0.2' },
      'http://spam/',
    ],
    [
      'ignore untrusted',
      {},
      { host: 'spam', 'x-forwarded-for': '192.168.0.3, 192.168.0.1' },
      'http://spam/',
      '192.168.0.2',
    ],
    ['ignore empty', { x_for: 2 }, { host: 'spam', 'x-forwarded-for': ', 192.168.0.3' }, 'http://spam/'],
    [
      'prefix < for',
      { x_for: 2, x_prefix: 1 },
      { host: 'spam', 'x-forwarded-for': '192.168.0.1, 192.168.0.3', 'x-forwarded-prefix': '/ham, /eggs' },
      'http://spam/eggs/',
      '192.168.0.2',
    ],
    [
      'ipv6 host',
      { x_host: 1 },
      { host: 'spam', 'x-forwarded-host': '[2001:db8::a]' },
      'http://[2001:db8::a]/',
    ],
    [
      'ipv6 port, host without port',
      { x_port: 1 },
      { host: '[2001:db8::a]', 'x-forwarded-port': '8080' },
      'http://[2001:db8::a]:8080/',
    ],
    [
      'ipv6 port, host with port',
      { x_port: 1 },
      { host: '[2001:db8::a]:9000', 'x-forwarded-port': '8080' },
      'http://[2001:db8::a]:8080/',
    ],
  ])(
    '%s: gives remote_addr 192.168.0.1 and the url root werkzeug gives',
    async (_id, options, headers, urlRoot, remote) => {
      const seen = await call(options, headers, remote)
      expect(seen.remote_addr).toBe('192.168.0.1')
      expect(seen.url_root).toBe(urlRoot)
    },
  )

  it('keeps the path and query string when it rewrites the URL', async () => {
    const seen = await call(
      { x_host: 1 },
      { host: 'spam', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'eggs' },
    )
    expect(seen.url).toBe('https://eggs/path?q=1')
  })

  it('records the replaced values as proxy_fix_orig', async () => {
    const seen = await call(
      { x_host: 1 },
      { host: 'spam', 'x-forwarded-for': '10.0.0.9', 'x-forwarded-host': 'eggs' },
      '10.0.0.1',
    )
    expect(seen.orig).toEqual({ remote_addr: '10.0.0.1', scheme: 'http', host: 'spam' })
  })

  it('ignores forwarded headers it was not told to trust', async () => {
    const seen = await call(
      {},
      { host: 'spam', 'x-forwarded-host': 'evil', 'x-forwarded-prefix': '/evil', 'x-forwarded-port': '1' },
    )
    expect(seen.url_root).toBe('http://spam/')
  })

  it.each([
    ['a host with a path', { 'x-forwarded-host': 'evil.com/x?y' }],
    ['a host with spaces', { 'x-forwarded-host': 'evil com' }],
    ['a non-numeric port', { 'x-forwarded-port': '80a' }],
    ['a scheme with a colon', { 'x-forwarded-proto': 'https://evil' }],
    ['a relative prefix', { 'x-forwarded-prefix': 'evil' }],
  ])('refuses %s instead of trusting it', async (_name, forwarded) => {
    const all = { x_for: 1, x_proto: 1, x_host: 1, x_port: 1, x_prefix: 1 }
    const seen = await call(all, { host: 'spam', ...forwarded })
    expect(seen.url_root).toBe('http://spam/')
  })

  it('passes the body, method, env and ctx through to the wrapped handler', async () => {
    const env = { binding: 1 }
    const ctx = { waitUntil() {} }
    const app = new ProxyFix(
      async (request, e, c) =>
        Response.json({ body: await request.text(), m: request.method, e, c: c === ctx }),
      {
        x_host: 1,
      },
    )
    const request = new Request('http://spam/', {
      method: 'POST',
      body: 'payload',
      headers: { 'x-forwarded-host': 'eggs' },
    })
    expect(await (await app(request, env, ctx)).json()).toEqual({
      body: 'payload',
      m: 'POST',
      e: env,
      c: true,
    })
  })

  it('is itself a fetch handler that wraps an app object with fetch()', async () => {
    const target = { fetch: async (request: Request) => new Response(new URL(request.url).host) }
    const app = new ProxyFix(target, { x_host: 1 })
    expect(typeof app).toBe('function')
    expect(app).toBeInstanceOf(ProxyFix)
    expect(app.x_host).toBe(1)
    expect(await (await app(new Request('http://a/', { headers: { 'x-forwarded-host': 'b' } }))).text()).toBe(
      'b',
    )
  })

  it('stacks: an outer ProxyFix sees the headers, an inner one the rewritten request', async () => {
    const app = new ProxyFix(new ProxyFix(echo, { x_for: 1 }), { x_proto: 1 })
    const res = await app(
      new Request('http://spam/', {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.2.3.4' },
      }),
    )
    const seen = (await res.json()) as { remote_addr: string; url_root: string }
    expect(seen).toMatchObject({ remote_addr: '1.2.3.4', url_root: 'https://spam/' })
  })
})
