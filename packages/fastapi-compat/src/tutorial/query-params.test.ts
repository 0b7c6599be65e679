import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/query_params/* and tests/test_tutorial/test_query_params/*.

const int = v.pipe(v.number(), v.integer())
const description = 'This is an amazing item that has a long description'

describe('query_params tutorial001 (defaults)', () => {
  const fake_items_db = [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { skip: v.optional(int, 0), limit: v.optional(int, 10) } },
    ({ skip, limit }) => fake_items_db.slice(skip, skip + limit),
  )
  const client = new TestClient(app)

  it('test_read_user_item: applies skip and limit from the query string', async () => {
    expect((await client.get('/items/')).json()).toEqual(fake_items_db)
    expect((await client.get('/items/?skip=1')).json()).toEqual([{ item_name: 'Bar' }, { item_name: 'Baz' }])
    expect((await client.get('/items/?skip=1&limit=1')).json()).toEqual([{ item_name: 'Bar' }])
  })
})

describe('query_params tutorial002 (optional)', () => {
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string(), q: v.optional(v.string()) } },
    ({ item_id, q }) => (q ? { item_id, q } : { item_id }),
  )
  const client = new TestClient(app)

  it('test_read_user_item: includes q only when given', async () => {
    expect((await client.get('/items/foo')).json()).toEqual({ item_id: 'foo' })
    expect((await client.get('/items/bar?q=somequery')).json()).toEqual({ item_id: 'bar', q: 'somequery' })
  })
})

describe('query_params tutorial003/004 (bool conversion, several path params)', () => {
  const app = new FastAPI()
  app.get(
    '/users/{user_id}/items/{item_id}',
    {
      params: {
        user_id: int,
        item_id: v.string(),
        q: v.optional(v.string()),
        short: v.optional(v.boolean(), false),
      },
    },
    ({ user_id, item_id, q, short }) => {
      const item: Record<string, unknown> = { item_id, owner_id: user_id }
      if (q) item.q = q
      if (!short) item.description = description
      return item
    },
  )
  const client = new TestClient(app)

  it('test_read_user_item: converts user_id to int and short to bool', async () => {
    expect((await client.get('/users/123/items/foo')).json()).toEqual({
      item_id: 'foo',
      owner_id: 123,
      description,
    })
    expect((await client.get('/users/1/items/bar?q=somequery')).json()).toEqual({
      item_id: 'bar',
      owner_id: 1,
      q: 'somequery',
      description,
    })
    expect((await client.get('/users/42/items/baz?short=true')).json()).toEqual({
      item_id: 'baz',
      owner_id: 42,
    })
  })

  it('accepts every spelling of a boolean pydantic accepts', async () => {
    for (const yes of ['1', 'True', 'true', 'on', 'yes', 'y', 't']) {
      expect((await client.get(`/users/1/items/a?short=${yes}`)).json()).toEqual({
        item_id: 'a',
        owner_id: 1,
      })
    }
    const res = await client.get('/users/1/items/a?short=maybe')
    expect(res.status_code).toBe(422)
    expect(res.json().detail[0]).toEqual({
      type: 'bool_parsing',
      loc: ['query', 'short'],
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: 'maybe',
    })
  })
})

describe('query_params tutorial005 (required)', () => {
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string(), needy: v.string() } },
    ({ item_id, needy }) => ({
      item_id,
      needy,
    }),
  )
  const client = new TestClient(app)

  it('test_foo_needy_very', async () => {
    const res = await client.get('/items/foo?needy=very')
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual({ item_id: 'foo', needy: 'very' })
  })

  it('test_foo_no_needy: 422 missing', async () => {
    const res = await client.get('/items/foo')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [{ type: 'missing', loc: ['query', 'needy'], msg: 'Field required', input: null }],
    })
  })
})

describe('query_params tutorial006 (required, default and optional)', () => {
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    {
      params: {
        item_id: v.string(),
        needy: v.string(),
        skip: v.optional(int, 0),
        limit: v.nullish(int, null),
      },
    },
    ({ item_id, needy, skip, limit }) => ({ item_id, needy, skip, limit }),
  )
  const client = new TestClient(app)

  it('test_foo_needy_very: fills defaults', async () => {
    expect((await client.get('/items/foo?needy=very')).json()).toEqual({
      item_id: 'foo',
      needy: 'very',
      skip: 0,
      limit: null,
    })
  })

  it('test_foo_no_needy: reports every error in order', async () => {
    const res = await client.get('/items/foo?skip=a&limit=b')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['query', 'needy'], msg: 'Field required', input: null },
        {
          type: 'int_parsing',
          loc: ['query', 'skip'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'a',
        },
        {
          type: 'int_parsing',
          loc: ['query', 'limit'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'b',
        },
      ],
    })
  })
})
