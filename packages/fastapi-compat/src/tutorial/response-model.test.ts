import * as v from 'valibot'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { FastAPI, JSONResponse, RedirectResponse, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/response_model/* and docs_src/response_status_code/* with
// tests/test_tutorial/test_response_model/* and test_response_status_code/*.

const UserIn = v.pipe(
  v.object({
    username: v.string(),
    password: v.string(),
    email: v.pipe(v.string(), v.email()),
    full_name: v.nullish(v.string(), null),
  }),
  v.title('UserIn'),
)
const UserOut = v.pipe(
  v.object({
    username: v.string(),
    email: v.pipe(v.string(), v.email()),
    full_name: v.nullish(v.string(), null),
  }),
  v.title('UserOut'),
)
const user = { username: 'foo', password: 'fighter', email: 'foo@example.com', full_name: 'Grave Dohl' }

describe('response_model tutorial002: the input model returned as is', () => {
  const app = new FastAPI()
  app.post(
    '/user/',
    { params: { user: UserIn }, response_model: UserIn },
    async function create_user({ user }) {
      return user
    },
  )

  it('test_post_user: echoes the password (the tutorial says: do not do this)', async () => {
    expect((await new TestClient(app).post('/user/', { json: user })).json()).toEqual(user)
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('response_model', 'tutorial002'))
  })
})

describe('response_model tutorial003: an output model filters the password out', () => {
  const app = new FastAPI()
  app.post(
    '/user/',
    { params: { user: UserIn }, response_model: UserOut },
    async function create_user({ user }) {
      expectTypeOf(user).toEqualTypeOf<{
        username: string
        password: string
        email: string
        full_name: string | null
      }>()
      return user
    },
  )

  it('test_post_user: extra fields are dropped', async () => {
    const res = await new TestClient(app).post('/user/', { json: user })
    expect(res.json()).toEqual({ username: 'foo', email: 'foo@example.com', full_name: 'Grave Dohl' })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('response_model', 'tutorial003'))
  })
})

describe('response_model tutorial003_02/003_05: returning a Response skips the model', () => {
  const app = new FastAPI()
  app.get(
    '/portal',
    { params: { teleport: v.optional(v.boolean(), false) } },
    async function get_portal({ teleport }) {
      if (teleport) return new RedirectResponse('https://www.youtube.com/watch?v=dQw4w9WgXcQ')
      return new JSONResponse({ message: "Here's your interdimensional portal." })
    },
  )
  const client = new TestClient(app)

  it('test_get_portal / test_get_redirect', async () => {
    expect((await client.get('/portal')).json()).toEqual({ message: "Here's your interdimensional portal." })
    const res = await client.get('/portal', { params: { teleport: true }, follow_redirects: false })
    expect(res.status_code).toBe(307)
    expect(res.headers.get('location')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ')
  })
})

const items: Record<string, Record<string, unknown>> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
  baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
}

describe('response_model tutorial004: response_model_exclude_unset', () => {
  const Item = v.pipe(
    v.object({
      name: v.string(),
      description: v.nullish(v.string(), null),
      price: v.number(),
      tax: v.optional(v.number(), 10.5),
      tags: v.optional(v.array(v.string()), []),
    }),
    v.title('Item'),
  )
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string() }, response_model: Item, response_model_exclude_unset: true },
    async function read_item({ item_id }) {
      return items[item_id]
    },
  )
  const client = new TestClient(app)

  it.each([
    ['foo', { name: 'Foo', price: 50.2 }],
    ['bar', { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 }],
    ['baz', { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] }],
  ])('test_get %s: only what was set', async (id, expected) => {
    expect((await client.get(`/items/${id}`)).json()).toEqual(expected)
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('response_model', 'tutorial004'))
  })
})

describe('response_model tutorial005/006: include and exclude (zod model)', () => {
  const Item = z
    .object({
      name: z.string(),
      description: z.string().nullish().default(null),
      price: z.number(),
      tax: z.number().default(10.5),
    })
    .meta({ title: 'Item' })
  const bar = { name: 'Bar', description: 'The Bar fighters', price: 62, tax: 20.2 }
  const app = new FastAPI()
  app.get(
    '/items/{item_id}/name',
    {
      params: { item_id: v.string() },
      response_model: Item,
      response_model_include: ['name', 'description'],
    },
    async function read_item_name() {
      return bar
    },
  )
  app.get(
    '/items/{item_id}/public',
    { params: { item_id: v.string() }, response_model: Item, response_model_exclude: new Set(['tax']) },
    async function read_item_public_data() {
      return bar
    },
  )
  const client = new TestClient(app)

  it('test_read_item_name / test_read_item_public_data', async () => {
    expect((await client.get('/items/bar/name')).json()).toEqual({
      name: 'Bar',
      description: 'The Bar fighters',
    })
    expect((await client.get('/items/bar/public')).json()).toEqual({
      name: 'Bar',
      description: 'The Bar fighters',
      price: 62,
    })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('response_model', 'tutorial005'))
  })
})

describe('response_model: what FastAPI does around it', () => {
  const Item = v.pipe(
    v.object({
      name: v.string(),
      price: v.number(),
      tax: v.optional(v.number(), 10.5),
      owner: v.nullish(v.string()),
    }),
    v.title('Item'),
  )
  const app = new FastAPI()
  app.get('/bad', { response_model: Item }, function bad() {
    return { name: 'x', price: 'not a number' }
  })
  app.get('/list', { response_model: v.array(Item) }, function list() {
    return [
      { name: 'a', price: 1, secret: 's' },
      { name: 'b', price: 2, tax: 10.5 },
    ]
  })
  app.get('/none', { response_model: Item, response_model_exclude_none: true }, function none() {
    return { name: 'a', price: 1, owner: null }
  })
  app.get('/defaults', { response_model: Item, response_model_exclude_defaults: true }, function defaults() {
    return { name: 'a', price: 1, tax: 10.5 }
  })
  const client = new TestClient(app)

  it('a return value failing its model is a 500, not a leak', async () => {
    const res = await client.get('/bad')
    expect(res.status_code).toBe(500)
    expect(res.text).not.toContain('not a number')
  })

  it('lists are validated item by item and each item is filtered', async () => {
    expect((await client.get('/list')).json()).toEqual([
      { name: 'a', price: 1, tax: 10.5 },
      { name: 'b', price: 2, tax: 10.5 },
    ])
  })

  it('exclude_none and exclude_defaults', async () => {
    expect((await client.get('/none')).json()).toEqual({ name: 'a', price: 1, tax: 10.5 })
    expect((await client.get('/defaults')).json()).toEqual({ name: 'a', price: 1 })
  })
})

describe('response_status_code tutorial001/002', () => {
  const app = new FastAPI()
  app.post(
    '/items/',
    { params: { name: v.string() }, status_code: 201 },
    async function create_item({ name }) {
      return { name }
    },
  )

  it('test_create_item: 201', async () => {
    const res = await new TestClient(app).post('/items/', { params: { name: 'Foo' } })
    expect(res.status_code).toBe(201)
    expect(res.json()).toEqual({ name: 'Foo' })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('response_status_code', 'tutorial001_tutorial002'))
  })
})
