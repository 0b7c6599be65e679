import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, JSONResponse, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/additional_responses/*, response_change_status_code/*,
// response_cookies/* and response_headers/* with their tests in tests/test_tutorial/.

const Item = v.pipe(v.object({ id: v.string(), value: v.string() }), v.title('Item'))
const Message = v.pipe(v.object({ message: v.string() }), v.title('Message'))

function itemApp(responses: Record<string | number, Record<string, unknown>>): FastAPI {
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string(), img: v.nullish(v.boolean()) }, response_model: Item, responses },
    async function read_item({ item_id }) {
      if (item_id === 'foo') return { id: 'foo', value: 'there goes my hero' }
      return new JSONResponse({ message: 'Item not found' }, { status_code: 404 })
    },
  )
  return app
}

describe('additional_responses', () => {
  it('tutorial001: a 404 model, and the route answers it', async () => {
    const app = new FastAPI()
    app.get(
      '/items/{item_id}',
      { params: { item_id: v.string() }, response_model: Item, responses: { 404: { model: Message } } },
      async function read_item({ item_id }) {
        if (item_id === 'foo') return { id: 'foo', value: 'there goes my hero' }
        return new JSONResponse({ message: 'Item not found' }, { status_code: 404 })
      },
    )
    const client = new TestClient(app)
    expect((await client.get('/items/foo')).json()).toEqual({ id: 'foo', value: 'there goes my hero' })
    const missing = await client.get('/items/bar')
    expect([missing.status_code, missing.json()]).toEqual([404, { message: 'Item not found' }])
    expect(app.openapi()).toEqual(upstreamOpenAPI('additional_responses', 'tutorial001'))
  })

  it('tutorial002: another media type for the 200 response', () => {
    const app = itemApp({
      200: { content: { 'image/png': {} }, description: 'Return the JSON item or an image.' },
    })
    expect(app.openapi()).toEqual(upstreamOpenAPI('additional_responses', 'tutorial002'))
  })

  it('tutorial003: a described 404 model and a 200 example', () => {
    const app = new FastAPI()
    app.get(
      '/items/{item_id}',
      {
        params: { item_id: v.string() },
        response_model: Item,
        responses: {
          404: { model: Message, description: 'The item was not found' },
          200: {
            description: 'Item requested by ID',
            content: { 'application/json': { example: { id: 'bar', value: 'The bar tenders' } } },
          },
        },
      },
      async function read_item() {
        return { id: 'foo', value: 'there goes my hero' }
      },
    )
    expect(app.openapi()).toEqual(upstreamOpenAPI('additional_responses', 'tutorial003'))
  })

  it('tutorial004: shared responses merged with a route-specific one', () => {
    const responses = {
      404: { description: 'Item not found' },
      302: { description: 'The item was moved' },
      403: { description: 'Not enough privileges' },
    }
    const app = itemApp({ ...responses, 200: { content: { 'image/png': {} } } })
    expect(app.openapi()).toEqual(upstreamOpenAPI('additional_responses', 'tutorial004'))
  })
})

describe('the mutable response and returned responses', () => {
  const tasks: Record<string, string> = { foo: 'Listen to the Bar Fighters' }
  const app = new FastAPI()
  app.put(
    '/get-or-create-task/{task_id}',
    { params: { task_id: v.string() }, status_code: 200 },
    function get_or_create_task({ task_id }, { response }) {
      if (!(task_id in tasks)) {
        tasks[task_id] = "This didn't exist before"
        response.status_code = 201
      }
      return tasks[task_id]
    },
  )
  app.post('/cookie/', function create_cookie() {
    const response = new JSONResponse({ message: 'Come to the dark side, we have cookies' })
    response.set_cookie('fakesession', 'fake-cookie-session-value')
    return response
  })
  app.post('/cookie-and-object/', function create_cookie_and_object(_, { response }) {
    response.set_cookie('fakesession', 'fake-cookie-session-value')
    return { message: 'Come to the dark side, we have cookies' }
  })
  app.post('/logout/', function logout(_, { response }) {
    response.delete_cookie('fakesession')
    return {}
  })
  app.get('/headers/', function get_headers() {
    return new JSONResponse(
      { message: 'Hello World' },
      { headers: { 'X-Cat-Dog': 'alone in the world', 'Content-Language': 'en-US' } },
    )
  })
  app.get('/headers-and-object/', function get_headers_and_object(_, { response }) {
    response.headers.set('X-Cat-Dog', 'alone in the world')
    return { message: 'Hello World' }
  })
  const client = new TestClient(app)

  it('response_change_status_code: 200 for an existing task, 201 for a new one', async () => {
    const old = await client.put('/get-or-create-task/foo')
    expect([old.status_code, old.json()]).toEqual([200, 'Listen to the Bar Fighters'])
    const created = await client.put('/get-or-create-task/bar')
    expect([created.status_code, created.json()]).toEqual([201, "This didn't exist before"])
  })

  it('response_cookies tutorial001/002: on a returned response and on the mutable one', async () => {
    for (const path of ['/cookie/', '/cookie-and-object/']) {
      const res = await new TestClient(app).post(path)
      expect(res.json()).toEqual({ message: 'Come to the dark side, we have cookies' })
      expect(res.cookies).toEqual({ fakesession: 'fake-cookie-session-value' })
      expect(res.headers.get('set-cookie')).toBe(
        'fakesession=fake-cookie-session-value; Path=/; SameSite=lax',
      )
    }
  })

  it('delete_cookie expires the cookie in the client', async () => {
    const c = new TestClient(app)
    await c.post('/cookie/')
    expect(c.cookies.get('fakesession')).toBe('fake-cookie-session-value')
    const res = await c.post('/logout/')
    expect(res.headers.get('set-cookie')).toMatch(/^fakesession=; Max-Age=0; expires=Thu, 01 Jan 1970/)
    expect(c.cookies.has('fakesession')).toBe(false)
  })

  it('response_headers tutorial001/002', async () => {
    const direct = await client.get('/headers/')
    expect(direct.headers.get('x-cat-dog')).toBe('alone in the world')
    expect(direct.headers.get('content-language')).toBe('en-US')
    const mutable = await client.get('/headers-and-object/')
    expect(mutable.headers.get('x-cat-dog')).toBe('alone in the world')
    expect(mutable.json()).toEqual({ message: 'Hello World' })
  })
})
