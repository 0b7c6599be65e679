import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  FastAPI,
  GZipMiddleware,
  HTTPSRedirectMiddleware,
  PlainTextResponse,
  TestClient,
  TrustedHostMiddleware,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/middleware/tutorial001_py310.py with
// tests/test_tutorial/test_middleware/test_tutorial001.py, and docs_src/advanced_middleware/* with
// tests/test_tutorial/test_advanced_middleware/test_tutorial00{1,2,3}.py.

describe('middleware tutorial001: @app.middleware("http") (test_tutorial001.py)', () => {
  const app = new FastAPI()
  app.middleware('http', async (request, call_next) => {
    const start = performance.now()
    const response = await call_next(request)
    response.headers.set('X-Process-Time', String((performance.now() - start) / 1000))
    return response
  })
  const client = new TestClient(app)

  it('test_response_headers: every response, even /openapi.json, carries the header', async () => {
    const res = await client.get('/openapi.json')
    expect(res.status_code).toBe(200)
    expect(Number(res.headers.get('X-Process-Time'))).toBeGreaterThanOrEqual(0)
    expect(res.json()).toEqual(upstreamOpenAPI('middleware', 'tutorial001'))
  })

  it('wraps error responses too, and runs the last added middleware outermost', async () => {
    const order: string[] = []
    const nested = new FastAPI()
    nested.get('/', () => {
      order.push('handler')
      return 'ok'
    })
    nested.middleware('http', async (req, call_next) => {
      order.push('inner:before')
      const res = await call_next(req)
      order.push('inner:after')
      return res
    })
    nested.middleware('http', async (req, call_next) => {
      order.push('outer:before')
      const res = await call_next(req)
      order.push('outer:after')
      res.headers.set('x-outer', '1')
      return res
    })
    await new TestClient(nested).get('/')
    expect(order).toEqual(['outer:before', 'inner:before', 'handler', 'inner:after', 'outer:after'])
    const missing = await new TestClient(nested).get('/missing')
    expect([missing.status_code, missing.headers.get('x-outer')]).toEqual([404, '1'])
  })

  it('a middleware may answer without calling call_next', async () => {
    const guarded = new FastAPI()
    guarded.get('/', () => 'secret')
    guarded.middleware('http', async (request, call_next) => {
      if (!request.headers.get('x-pass')) return new PlainTextResponse('denied', { status_code: 403 })
      return call_next(request)
    })
    const client = new TestClient(guarded)
    expect((await client.get('/')).text).toBe('denied')
    expect((await client.get('/', { headers: { 'x-pass': '1' } })).json()).toBe('secret')
  })
})

const hello = () => {
  const app = new FastAPI()
  app.get('/', async function main() {
    return { message: 'Hello World' }
  })
  return app
}

describe('advanced_middleware tutorial001: HTTPSRedirectMiddleware (test_tutorial001.py)', () => {
  const app = hello()
  app.add_middleware(HTTPSRedirectMiddleware)

  it('test_middleware', async () => {
    expect((await new TestClient(app, { base_url: 'https://testserver' }).get('/')).status_code).toBe(200)
    const res = await new TestClient(app).get('/', { follow_redirects: false })
    expect([res.status_code, res.headers.get('location')]).toEqual([307, 'https://testserver/'])
  })
})

describe('advanced_middleware tutorial002: TrustedHostMiddleware (test_tutorial002.py)', () => {
  const app = hello()
  app.add_middleware(TrustedHostMiddleware, { allowed_hosts: ['example.com', '*.example.com'] })

  it('test_middleware', async () => {
    expect((await new TestClient(app, { base_url: 'http://example.com' }).get('/')).status_code).toBe(200)
    expect(
      (await new TestClient(app, { base_url: 'http://subdomain.example.com' }).get('/')).status_code,
    ).toBe(200)
    const bad = await new TestClient(app, { base_url: 'http://invalidhost' }).get('/')
    expect([bad.status_code, bad.text]).toEqual([400, 'Invalid host header'])
  })
})

describe('advanced_middleware tutorial003: GZipMiddleware (test_tutorial003.py)', () => {
  const app = new FastAPI()
  app.add_middleware(GZipMiddleware, { minimum_size: 1000, compresslevel: 5 })
  app.get('/', async function main() {
    return 'somebigcontent'
  })
  app.get('/large', () => new PlainTextResponse('x'.repeat(4000)))
  const client = new TestClient(app)

  it('test_middleware', async () => {
    const res = await client.get('/large', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.status_code).toBe(200)
    expect(gunzipSync(res.content).toString()).toBe('x'.repeat(4000))
    expect(res.headers.get('Content-Encoding')).toBe('gzip')
    expect(Number(res.headers.get('Content-Length'))).toBeLessThan(4000)
    const small = await client.get('/', { headers: { 'accept-encoding': 'gzip' } })
    expect([small.status_code, small.json(), small.headers.get('content-encoding')]).toEqual([
      200,
      'somebigcontent',
      null,
    ])
  })
})
