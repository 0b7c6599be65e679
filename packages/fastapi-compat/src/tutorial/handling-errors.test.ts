import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import {
  FastAPI,
  HTTPException,
  http_exception_handler,
  JSONResponse,
  jsonable_encoder,
  PlainTextResponse,
  RequestValidationError,
  request_validation_exception_handler,
  StarletteHTTPException,
  TestClient,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/handling_errors/* and
// tests/test_tutorial/test_handling_errors/test_tutorial00{1..6}.py.

const items: Record<string, string> = { foo: 'The Foo Wrestlers' }
const int = v.pipe(v.number(), v.integer())

describe('handling_errors tutorial001: HTTPException (test_tutorial001.py)', () => {
  const app = new FastAPI()
  app.get('/items/{item_id}', { params: { item_id: v.string() } }, async function read_item({ item_id }) {
    if (!(item_id in items)) throw new HTTPException(404, 'Item not found')
    return { item: items[item_id] }
  })
  const client = new TestClient(app)

  it('test_get_item', async () => {
    const res = await client.get('/items/foo')
    expect([res.status_code, res.json()]).toEqual([200, { item: 'The Foo Wrestlers' }])
  })
  it('test_get_item_not_found', async () => {
    const res = await client.get('/items/bar')
    expect([res.status_code, res.json(), res.headers.get('x-error')]).toEqual([
      404,
      { detail: 'Item not found' },
      null,
    ])
  })
  it('an unknown path and a wrong method answer FastAPI default JSON errors', async () => {
    const missing = await client.get('/nothing/here')
    expect([missing.status_code, missing.json()]).toEqual([404, { detail: 'Not Found' }])
    const wrong = await client.post('/items/foo')
    expect([wrong.status_code, wrong.json()]).toEqual([405, { detail: 'Method Not Allowed' }])
    expect(wrong.headers.get('allow')).toContain('GET')
  })
  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('handling_errors', 'tutorial001'))
  })
})

describe('handling_errors tutorial002: custom headers (test_tutorial002.py)', () => {
  const app = new FastAPI()
  app.get(
    '/items-header/{item_id}',
    { params: { item_id: v.string() } },
    async function read_item_header({ item_id }) {
      if (!(item_id in items))
        throw new HTTPException(404, 'Item not found', { 'X-Error': 'There goes my error' })
      return { item: items[item_id] }
    },
  )
  const client = new TestClient(app)

  it('test_get_item_header', async () => {
    expect((await client.get('/items-header/foo')).json()).toEqual({ item: 'The Foo Wrestlers' })
  })
  it('test_get_item_not_found_header', async () => {
    const res = await client.get('/items-header/bar')
    expect([res.status_code, res.json(), res.headers.get('x-error')]).toEqual([
      404,
      { detail: 'Item not found' },
      'There goes my error',
    ])
  })
  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('handling_errors', 'tutorial002'))
  })
})

describe('handling_errors tutorial003: a custom exception handler (test_tutorial003.py)', () => {
  class UnicornException extends Error {
    constructor(readonly unicorn: string) {
      super(unicorn)
    }
  }
  const app = new FastAPI()
  app.exception_handler(UnicornException, async (_request, exc: UnicornException) => {
    return new JSONResponse(
      { message: `Oops! ${exc.unicorn} did something. There goes a rainbow...` },
      { status_code: 418 },
    )
  })
  app.get('/unicorns/{name}', { params: { name: v.string() } }, async function read_unicorn({ name }) {
    if (name === 'yolo') throw new UnicornException(name)
    return { unicorn_name: name }
  })
  const client = new TestClient(app)

  it('test_get', async () => {
    expect((await client.get('/unicorns/shinny')).json()).toEqual({ unicorn_name: 'shinny' })
  })
  it('test_get_exception', async () => {
    const res = await client.get('/unicorns/yolo')
    expect([res.status_code, res.json()]).toEqual([
      418,
      { message: 'Oops! yolo did something. There goes a rainbow...' },
    ])
  })
  it('a subclass of a handled exception uses the same handler', async () => {
    class BabyUnicorn extends UnicornException {}
    const sub = new FastAPI()
    sub.exception_handler(UnicornException, () => new PlainTextResponse('unicorn', { status_code: 418 }))
    sub.get('/', () => {
      throw new BabyUnicorn('baby')
    })
    const res = await new TestClient(sub).get('/')
    expect([res.status_code, res.text]).toEqual([418, 'unicorn'])
  })
  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('handling_errors', 'tutorial003'))
  })
})

function overridden(plain: boolean) {
  const app = new FastAPI()
  if (plain) {
    app.exception_handler(StarletteHTTPException, async (_req, exc: StarletteHTTPException) => {
      return new PlainTextResponse(String(exc.detail), { status_code: exc.status })
    })
    app.exception_handler(RequestValidationError, async (_req, exc: RequestValidationError) => {
      let message = 'Validation errors:'
      for (const error of exc.errors())
        message += `\nField: ('${error.loc.join("', '")}'), Error: ${error.msg}`
      return new PlainTextResponse(message, { status_code: 400 })
    })
  } else {
    app.exception_handler(StarletteHTTPException, async (req, exc: StarletteHTTPException) => {
      console.log(`OMG! An HTTP error!: ${exc.status}`)
      return http_exception_handler(req, exc)
    })
    app.exception_handler(RequestValidationError, async (req, exc: RequestValidationError) => {
      console.log(`OMG! The client sent invalid data!: ${exc.message}`)
      return request_validation_exception_handler(req, exc)
    })
  }
  app.get('/items/{item_id}', { params: { item_id: int } }, async function read_item({ item_id }) {
    if (item_id === 3) throw new HTTPException(418, "Nope! I don't like 3.")
    return { item_id }
  })
  return { app, client: new TestClient(app) }
}

describe('handling_errors tutorial004: override the default handlers (test_tutorial004.py)', () => {
  const { app, client } = overridden(true)

  it('test_get_validation_error: 400 as plain text', async () => {
    const res = await client.get('/items/foo')
    expect(res.status_code).toBe(400)
    expect(res.text).toContain('Validation errors:')
    expect(res.text).toContain("Field: ('path', 'item_id')")
  })
  it('test_get_http_error: HTTPException rendered by the StarletteHTTPException handler', async () => {
    const res = await client.get('/items/3')
    expect([res.status_code, res.text]).toEqual([418, "Nope! I don't like 3."])
  })
  it('the 404 of an unknown path goes through the same handler, as in Starlette', async () => {
    const res = await client.get('/nope')
    expect([res.status_code, res.text]).toEqual([404, 'Not Found'])
  })
  it('test_get', async () => {
    expect((await client.get('/items/2')).json()).toEqual({ item_id: 2 })
  })
  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('handling_errors', 'tutorial004'))
  })
})

describe('handling_errors tutorial005: use the RequestValidationError body (test_tutorial005.py)', () => {
  const Item = v.pipe(v.object({ title: v.string(), size: int }), v.title('Item'))
  const app = new FastAPI()
  app.exception_handler(RequestValidationError, async (_req, exc: RequestValidationError) => {
    return new JSONResponse(jsonable_encoder({ detail: exc.errors(), body: exc.body }), { status_code: 422 })
  })
  app.post('/items/', { params: { item: Item } }, async function create_item({ item }) {
    return item
  })
  const client = new TestClient(app)

  it('test_post_validation_error: the errors and the body received', async () => {
    const res = await client.post('/items/', { json: { title: 'towel', size: 'XL' } })
    expect(res.status_code).toBe(422)
    const body = res.json()
    expect(body.body).toEqual({ title: 'towel', size: 'XL' })
    expect(body.detail).toEqual([
      {
        type: 'int_parsing',
        loc: ['body', 'size'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'XL',
      },
    ])
  })
  it('test_post', async () => {
    const res = await client.post('/items/', { json: { title: 'towel', size: 5 } })
    expect([res.status_code, res.json()]).toEqual([200, { title: 'towel', size: 5 }])
  })
  it('test_openapi_schema: the request body model', () => {
    const expected = upstreamOpenAPI('handling_errors', 'tutorial005')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].post.requestBody).toEqual(expected.paths['/items/'].post.requestBody)
    expect(doc.components.schemas.Item).toEqual(expected.components.schemas.Item)
  })
})

describe("handling_errors tutorial006: reuse FastAPI's handlers (test_tutorial006.py)", () => {
  const { app, client } = overridden(false)
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})

  it('test_get_validation_error: the default 422 body', async () => {
    const res = await client.get('/items/foo')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'foo',
        },
      ],
    })
    expect(log).toHaveBeenCalledWith(expect.stringContaining('OMG! The client sent invalid data!'))
  })
  it('test_get_http_error', async () => {
    const res = await client.get('/items/3')
    expect([res.status_code, res.json()]).toEqual([418, { detail: "Nope! I don't like 3." }])
    expect(log).toHaveBeenCalledWith('OMG! An HTTP error!: 418')
  })
  it('test_get', async () => {
    expect((await client.get('/items/2')).json()).toEqual({ item_id: 2 })
  })
  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('handling_errors', 'tutorial006'))
  })
})
