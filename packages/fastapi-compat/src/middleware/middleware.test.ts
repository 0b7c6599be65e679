import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  CORSMiddleware,
  type CORSOptions,
  FastAPI,
  GZipMiddleware,
  HTTPSRedirectMiddleware,
  PlainTextResponse,
  StreamingResponse,
  TestClient,
  TrustedHostMiddleware,
} from '../index.js'

// Behaviours ported from encode/starlette tests/middleware/test_cors.py, test_gzip.py,
// test_trusted_host.py and test_https_redirect.py.

function corsApp(options: CORSOptions) {
  const app = new FastAPI()
  app.get('/', () => new PlainTextResponse('Homepage'))
  app.add_middleware(CORSMiddleware, options)
  return new TestClient(app)
}

describe('CORSMiddleware', () => {
  it('test_cors_allow_all: echoes the origin on credentialed preflights, mirrors requested headers', async () => {
    const client = corsApp({
      allow_origins: ['*'],
      allow_headers: ['*'],
      allow_methods: ['*'],
      expose_headers: ['X-Status'],
      allow_credentials: true,
    })
    const pre = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example',
      },
    })
    expect(pre.status_code).toBe(200)
    expect(pre.text).toBe('OK')
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(pre.headers.get('access-control-allow-headers')).toBe('X-Example')
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true')
    expect(pre.headers.get('vary')).toBe('Origin')

    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    expect(simple.text).toBe('Homepage')
    expect(simple.headers.get('access-control-allow-origin')).toBe('*')
    expect(simple.headers.get('access-control-expose-headers')).toBe('X-Status')
    expect(simple.headers.get('access-control-allow-credentials')).toBe('true')

    const withCookie = await client.get('/', {
      headers: { Origin: 'https://example.org', Cookie: 'star_cookie=sugar' },
    })
    expect(withCookie.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(withCookie.headers.get('vary')).toBe('Origin')

    const plain = await client.get('/')
    expect(plain.text).toBe('Homepage')
    expect(plain.headers.has('access-control-allow-origin')).toBe(false)
  })

  it('test_cors_allow_all_except_credentials: `*` and no Vary', async () => {
    const client = corsApp({
      allow_origins: ['*'],
      allow_headers: ['*'],
      allow_methods: ['*'],
      expose_headers: ['X-Status'],
    })
    const pre = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example',
      },
    })
    expect(pre.status_code).toBe(200)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-headers')).toBe('X-Example')
    expect(pre.headers.has('access-control-allow-credentials')).toBe(false)
    expect(pre.headers.has('vary')).toBe(false)
    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('*')
    expect(simple.headers.has('access-control-allow-credentials')).toBe(false)
  })

  it('test_cors_allow_specific_origin: lists the safelisted headers sorted with the allowed ones', async () => {
    const client = corsApp({
      allow_origins: ['https://example.org'],
      allow_headers: ['X-Example', 'Content-Type'],
    })
    const pre = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example, Content-Type',
      },
    })
    expect(pre.status_code).toBe(200)
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(pre.headers.get('access-control-allow-headers')).toBe(
      'Accept, Accept-Language, Content-Language, Content-Type, X-Example',
    )
    expect(pre.headers.get('access-control-max-age')).toBe('600')
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET')
    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(simple.headers.get('vary')).toBe('Origin')
    expect(simple.headers.has('access-control-allow-credentials')).toBe(false)
  })

  it('test_cors_disallowed_preflight: 400 naming what failed, no allow-origin', async () => {
    const client = corsApp({ allow_origins: ['https://example.org'], allow_headers: ['X-Example'] })
    const res = await client.options('/', {
      headers: {
        Origin: 'https://another.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'X-Nope',
      },
    })
    expect(res.status_code).toBe(400)
    expect(res.text).toBe('Disallowed CORS origin, method, headers')
    expect(res.headers.has('access-control-allow-origin')).toBe(false)
    const many = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Nope-1, X-Nope-2',
      },
    })
    expect(many.text).toBe('Disallowed CORS headers')
  })

  it('test_preflight_allows_request_origin_if_origins_wildcard_and_credentials_allowed', async () => {
    const client = corsApp({ allow_origins: ['*'], allow_methods: ['POST'], allow_credentials: true })
    const res = await client.options('/', {
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST' },
    })
    expect(res.status_code).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('test_cors_allow_origin_regex: matches the whole origin only', async () => {
    const client = corsApp({
      allow_headers: ['X-Example', 'Content-Type'],
      allow_origin_regex: 'https://.*',
      allow_credentials: true,
    })
    const ok = await client.get('/', { headers: { Origin: 'https://example.org' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://example.org')
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    const bad = await client.get('/', { headers: { Origin: 'http://example.org' } })
    expect(bad.headers.has('access-control-allow-origin')).toBe(false)
    const pre = await client.options('/', {
      headers: { Origin: 'http://another.com', 'Access-Control-Request-Method': 'GET' },
    })
    expect(pre.status_code).toBe(400)
    expect(pre.text).toBe('Disallowed CORS origin')
  })

  it('appends Origin to an existing Vary header of the response (test_cors_vary_header_is_properly_set)', async () => {
    const app = new FastAPI()
    app.get('/', () => new PlainTextResponse('Homepage', { headers: { Vary: 'Accept-Encoding' } }))
    app.add_middleware(CORSMiddleware, { allow_origins: ['https://example.org'] })
    const res = await new TestClient(app).get('/', { headers: { Origin: 'https://example.org' } })
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Origin')
  })

  it('leaves an OPTIONS request without Access-Control-Request-Method to the app', async () => {
    const client = corsApp({ allow_origins: ['https://example.org'] })
    const res = await client.options('/', { headers: { Origin: 'https://example.org' } })
    expect(res.status_code).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://example.org')
  })
})

function gzipApp(route: () => Response) {
  const app = new FastAPI()
  app.get('/', route)
  app.add_middleware(GZipMiddleware)
  return new TestClient(app)
}
const stream = (type?: string, headers?: Record<string, string>) =>
  new StreamingResponse(
    (async function* () {
      for (let i = 0; i < 10; i++) yield 'x'.repeat(400)
    })(),
    { media_type: type, headers },
  )

describe('GZipMiddleware', () => {
  it('test_gzip_responses: compresses with Vary and a smaller Content-Length', async () => {
    const res = await gzipApp(() => new PlainTextResponse('x'.repeat(4000))).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.status_code).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(Number(res.headers.get('content-length'))).toBeLessThan(4000)
    expect(Number(res.headers.get('content-length'))).toBe(res.content.byteLength)
    expect(gunzipSync(res.content).toString()).toBe('x'.repeat(4000))
  })

  it('test_gzip_not_in_accept_encoding: Vary but no encoding', async () => {
    const res = await gzipApp(() => new PlainTextResponse('x'.repeat(4000))).get('/', {
      headers: { 'accept-encoding': 'identity' },
    })
    expect(res.text).toBe('x'.repeat(4000))
    expect(res.headers.has('content-encoding')).toBe(false)
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(res.headers.get('content-length')).toBe('4000')
  })

  it('test_gzip_ignored_for_small_responses', async () => {
    const res = await gzipApp(() => new PlainTextResponse('OK')).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.text).toBe('OK')
    expect(res.headers.has('content-encoding')).toBe(false)
    expect(res.headers.has('vary')).toBe(false)
    expect(res.headers.get('content-length')).toBe('2')
  })

  it('test_gzip_streaming_response: streamed bodies are compressed without Content-Length', async () => {
    const res = await gzipApp(() => stream('text/plain')).get('/', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(res.headers.has('content-length')).toBe(false)
    expect(gunzipSync(res.content).toString()).toBe('x'.repeat(4000))
  })

  it('test_gzip_streaming_response_identity', async () => {
    const res = await gzipApp(() => stream('text/plain')).get('/', {
      headers: { 'accept-encoding': 'identity' },
    })
    expect(res.text).toBe('x'.repeat(4000))
    expect(res.headers.has('content-encoding')).toBe(false)
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
  })

  it('test_gzip_ignored_for_responses_with_encoding_set', async () => {
    const res = await gzipApp(() => stream('text/plain', { 'Content-Encoding': 'text' })).get('/', {
      headers: { 'accept-encoding': 'gzip, text' },
    })
    expect(res.text).toBe('x'.repeat(4000))
    expect(res.headers.get('content-encoding')).toBe('text')
    expect(res.headers.has('vary')).toBe(false)
  })

  it('test_gzip_ignored_on_server_sent_events', async () => {
    const res = await gzipApp(() => stream('text/event-stream')).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.text).toBe('x'.repeat(4000))
    expect(res.headers.has('content-encoding')).toBe(false)
  })

  it('minimum_size is configurable', async () => {
    const app = new FastAPI()
    app.get('/', () => new PlainTextResponse('y'.repeat(600)))
    app.add_middleware(GZipMiddleware, { minimum_size: 1000 })
    const res = await new TestClient(app).get('/', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.has('content-encoding')).toBe(false)
  })
})

describe('TrustedHostMiddleware', () => {
  const app = new FastAPI()
  app.get('/', () => new PlainTextResponse('OK'))
  app.add_middleware(TrustedHostMiddleware, { allowed_hosts: ['testserver', '*.testserver'] })

  it('test_trusted_host_middleware: allowed, wildcard subdomain, and 400 Invalid host header', async () => {
    expect((await new TestClient(app).get('/')).status_code).toBe(200)
    expect(
      (await new TestClient(app, { base_url: 'http://subdomain.testserver' }).get('/')).status_code,
    ).toBe(200)
    const bad = await new TestClient(app, { base_url: 'http://invalidhost' }).get('/')
    expect(bad.status_code).toBe(400)
    expect(bad.text).toBe('Invalid host header')
  })

  it('reads the Host header when there is one', async () => {
    const res = await new TestClient(app).get('/', { headers: { host: 'evil.example' } })
    expect(res.status_code).toBe(400)
  })

  it('test_www_redirect: redirects to the www host that is allowed', async () => {
    const www = new FastAPI()
    www.get('/', () => new PlainTextResponse('OK'))
    www.add_middleware(TrustedHostMiddleware, { allowed_hosts: ['www.example.com'] })
    const res = await new TestClient(www, { base_url: 'https://example.com', follow_redirects: false }).get(
      '/',
    )
    expect(res.status_code).toBe(307)
    expect(res.headers.get('location')).toBe('https://www.example.com/')
    const followed = await new TestClient(www, { base_url: 'https://example.com' }).get('/')
    expect([followed.status_code, followed.url]).toEqual([200, 'https://www.example.com/'])
  })

  it('rejects a wildcard pattern that is not a subdomain wildcard at construction', () => {
    expect(() => new TrustedHostMiddleware({ allowed_hosts: ['*example.com'] })).toThrow("'*.example.com'")
  })
})

describe('HTTPSRedirectMiddleware', () => {
  const app = new FastAPI()
  app.get('/', () => new PlainTextResponse('OK'))
  app.add_middleware(HTTPSRedirectMiddleware)
  const at = (base_url: string) => new TestClient(app, { base_url, follow_redirects: false }).get('/')

  it('test_https_redirect_middleware: 307 to https, dropping :80 and :443', async () => {
    expect((await at('https://testserver')).status_code).toBe(200)
    for (const [base, location] of [
      ['http://testserver', 'https://testserver/'],
      ['http://testserver:80', 'https://testserver/'],
      ['http://testserver:443', 'https://testserver/'],
      ['http://testserver:123', 'https://testserver:123/'],
    ]) {
      const res = await at(base!)
      expect([res.status_code, res.headers.get('location')]).toEqual([307, location])
    }
  })

  it('sends a websocket upgrade to wss', async () => {
    const res = await new TestClient(app, { follow_redirects: false }).get('/ws?x=1', {
      headers: { upgrade: 'websocket', connection: 'upgrade' },
    })
    expect([res.status_code, res.headers.get('location')]).toEqual([307, 'wss://testserver/ws?x=1'])
  })
})
