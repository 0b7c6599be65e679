import { describe, expect, it } from 'vitest'
import { APIRouter, FastAPI, HTMLResponse, JSONResponse, PlainTextResponse, TestClient } from '../index.js'

// Ported from fastapi/fastapi tests/test_default_response_class.py: a route's own response_class
// wins, then its router's default, then include_router's, then the including router's or app's.

class XJSONResponse extends JSONResponse {
  static override readonly media_type: string = 'application/x-orjson'
}
class OverrideResponse extends JSONResponse {
  static override readonly media_type: string = 'application/x-override'
}

const app = new FastAPI({ default_response_class: XJSONResponse })
const router_a = new APIRouter()
const router_a_a = new APIRouter()
const router_a_b_override = new APIRouter()
const router_b_override = new APIRouter()
const router_b_a = new APIRouter()
const router_b_a_c_override = new APIRouter()

app.get('/', () => ({ msg: 'Hello World' }))
app.get('/override', { response_class: PlainTextResponse }, () => 'Hello World')
router_a.get('/', () => ({ msg: 'Hello A' }))
router_a.get('/override', { response_class: PlainTextResponse }, () => 'Hello A')
router_a_a.get('/', () => ({ msg: 'Hello A A' }))
router_a_a.get('/override', { response_class: PlainTextResponse }, () => 'Hello A A')
router_a_b_override.get('/', () => 'Hello A B')
router_a_b_override.get('/override', { response_class: HTMLResponse }, () => 'Hello A B')
router_b_override.get('/', () => 'Hello B')
router_b_override.get('/override', { response_class: HTMLResponse }, () => 'Hello B')
router_b_a.get('/', () => 'Hello B A')
router_b_a.get('/override', { response_class: HTMLResponse }, () => 'Hello B A')
router_b_a_c_override.get('/', () => 'Hello B A C')
router_b_a_c_override.get('/override', { response_class: OverrideResponse }, () => ({ msg: 'Hello B A C' }))

router_b_a.include_router(router_b_a_c_override, { prefix: '/c', default_response_class: HTMLResponse })
router_b_override.include_router(router_b_a, { prefix: '/a' })
router_a.include_router(router_a_a, { prefix: '/a' })
router_a.include_router(router_a_b_override, { prefix: '/b', default_response_class: PlainTextResponse })
app.include_router(router_a, { prefix: '/a' })
app.include_router(router_b_override, { prefix: '/b', default_response_class: PlainTextResponse })

const client = new TestClient(app)
const orjson_type = 'application/x-orjson'
const text_type = 'text/plain; charset=utf-8'
const html_type = 'text/html; charset=utf-8'
const override_type = 'application/x-override'

describe('default_response_class through routers (test_default_response_class.py)', () => {
  const cases: Array<[string, string, string]> = [
    ['/', '{"msg":"Hello World"}', orjson_type],
    ['/override', 'Hello World', text_type],
    ['/a', '{"msg":"Hello A"}', orjson_type],
    ['/a/override', 'Hello A', text_type],
    ['/a/a', '{"msg":"Hello A A"}', orjson_type],
    ['/a/a/override', 'Hello A A', text_type],
    ['/a/b', 'Hello A B', text_type],
    ['/a/b/override', 'Hello A B', html_type],
    ['/b', 'Hello B', text_type],
    ['/b/override', 'Hello B', html_type],
    ['/b/a', 'Hello B A', text_type],
    ['/b/a/override', 'Hello B A', html_type],
    ['/b/a/c', 'Hello B A C', html_type],
    ['/b/a/c/override', '{"msg":"Hello B A C"}', override_type],
  ]
  for (const [path, body, type] of cases) {
    it(`${path} answers ${type}`, async () => {
      const res = await client.get(path)
      expect([res.status_code, res.text, res.headers.get('content-type')]).toEqual([200, body, type])
    })
  }
})

describe('APIRouter({ default_response_class })', () => {
  const router = new APIRouter({ prefix: '/pages', default_response_class: HTMLResponse })
  router.get('/', function list_pages() {
    return '<h1>Pages</h1>'
  })
  router.get('/count', { response_class: JSONResponse }, function count_pages() {
    return { count: 1 }
  })
  const plain = new FastAPI()
  plain.include_router(router)
  const nested = new APIRouter({ default_response_class: PlainTextResponse })
  nested.include_router(router, { prefix: '/v1' })
  plain.include_router(nested)
  const c = new TestClient(plain)

  it("applies to the router's routes, before the app's default", async () => {
    const res = await c.get('/pages/')
    expect([res.text, res.headers.get('content-type')]).toEqual(['<h1>Pages</h1>', html_type])
  })

  it("a route's own response_class wins", async () => {
    const res = await c.get('/pages/count')
    expect([res.json(), res.headers.get('content-type')]).toEqual([{ count: 1 }, 'application/json'])
  })

  it("the included router's default wins over the including router's", async () => {
    const res = await c.get('/v1/pages/')
    expect(res.headers.get('content-type')).toBe(html_type)
  })

  it('the OpenAPI document names the media type of the class', () => {
    const doc = plain.openapi() as Record<string, any>
    expect(doc.paths['/pages/'].get.responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'text/html': { schema: { type: 'string' } } },
    })
    expect(Object.keys(doc.paths['/pages/count'].get.responses['200'].content)).toEqual(['application/json'])
  })
})
