import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Body, FastAPI, Path, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/body_fields/* and docs_src/body_multiple_params/* with
// tests/test_tutorial/test_body_fields/* and test_body_multiple_params/*.

const int = v.pipe(v.number(), v.integer())
const Item = v.pipe(
  v.object({
    name: v.string(),
    description: v.nullish(v.string(), null),
    price: v.number(),
    tax: v.nullish(v.number(), null),
  }),
  v.title('Item'),
)
const User = z
  .object({ username: z.string(), full_name: z.string().nullish().default(null) })
  .meta({ title: 'User' })

describe('body_fields tutorial001: Field() constraints and metadata', () => {
  const FieldItem = v.pipe(
    v.object({
      name: v.string(),
      description: v.pipe(
        v.nullish(v.pipe(v.string(), v.maxLength(300)), null),
        v.title('The description of the item'),
      ),
      price: v.pipe(v.number(), v.gtValue(0), v.description('The price must be greater than zero')),
      tax: v.nullish(v.number(), null),
    }),
    v.title('Item'),
  )
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    { params: { item_id: int, item: Body(FieldItem, { embed: true }) } },
    async function update_item({ item_id, item }) {
      return { item_id, item }
    },
  )
  const client = new TestClient(app)

  it('test_items_5: embedded item with defaults', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: 3.0 } } })
    expect(res.json()).toEqual({
      item_id: 5,
      item: { name: 'Foo', price: 3, description: null, tax: null },
    })
  })

  it('test_items_6: numeric string tax is a number', async () => {
    const res = await client.put('/items/6', {
      json: { item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: '5.4' } },
    })
    expect(res.json()).toEqual({
      item_id: 6,
      item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: 5.4 },
    })
  })

  it('test_invalid_price: greater_than with ctx', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: -3.0 } } })
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'greater_than',
          loc: ['body', 'item', 'price'],
          msg: 'Input should be greater than 0',
          input: -3,
          ctx: { gt: 0 },
        },
      ],
    })
  })

  it('test_openapi_schema', async () => {
    expect((await client.get('/openapi.json')).json()).toEqual(upstreamOpenAPI('body_fields', 'tutorial001'))
  })
})

describe('body_multiple_params tutorial001: Path with bounds, optional query and optional body', () => {
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    {
      params: {
        item_id: Path(v.pipe(int, v.minValue(0), v.maxValue(1000)), { title: 'The ID of the item to get' }),
        q: v.nullish(v.string()),
        item: Body(v.nullish(Item)),
      },
    },
    async function update_item({ item_id, q, item }) {
      return { item_id, ...(q ? { q } : {}), ...(item ? { item } : {}) }
    },
  )
  const client = new TestClient(app)

  it('test_post_body_q_bar_content', async () => {
    const res = await client.put('/items/5?q=bar', { json: { name: 'Foo', price: 50.5 } })
    expect(res.json()).toEqual({
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
      q: 'bar',
    })
  })

  it('test_post_no_body / _q_bar: the body is optional', async () => {
    expect((await client.put('/items/5?q=bar')).json()).toEqual({ item_id: 5, q: 'bar' })
    expect((await client.put('/items/5')).json()).toEqual({ item_id: 5 })
  })

  it('test_post_id_foo: int_parsing on the path', async () => {
    const res = await client.put('/items/foo')
    expect(res.status_code).toBe(422)
    expect(res.json().detail).toEqual([
      {
        type: 'int_parsing',
        loc: ['path', 'item_id'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'foo',
      },
    ])
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('body_multiple_params', 'tutorial001'))
  })
})

describe('body_multiple_params tutorial002-004: several body parameters are keyed by name', () => {
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    {
      params: {
        item_id: int,
        item: Item,
        user: User,
        importance: Body(v.pipe(int, v.gtValue(0))),
        q: v.nullish(v.string()),
      },
    },
    async function update_item({ item_id, item, user, importance, q }) {
      return { item_id, item, user, importance, ...(q ? { q } : {}) }
    },
  )
  const client = new TestClient(app)
  const missing = (name: string) => ({
    type: 'missing',
    loc: ['body', name],
    msg: 'Field required',
    input: null,
  })

  it('test_put_all: item, user and importance under their names, query aside', async () => {
    const res = await client.put('/items/5', {
      json: { importance: 2, item: { name: 'Foo', price: 50.5 }, user: { username: 'Dave' } },
      params: { q: 'somequery' },
    })
    expect(res.json()).toEqual({
      item_id: 5,
      importance: 2,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
      user: { username: 'Dave', full_name: null },
      q: 'somequery',
    })
  })

  it('test_put_missing_body / empty body / empty list: every body field missing, input null', async () => {
    const expected = { detail: [missing('item'), missing('user'), missing('importance')] }
    expect((await client.put('/items/5')).json()).toEqual(expected)
    expect((await client.put('/items/5', { json: {} })).json()).toEqual(expected)
    expect((await client.put('/items/5', { json: [] })).json()).toEqual(expected)
  })

  it('test_post_missing_required_field_in_user: nested missing echoes the object', async () => {
    const res = await client.put('/items/5', {
      json: { item: { name: 'Foo', price: 50.5 }, user: { full_name: 'John Doe' }, importance: 1 },
    })
    expect(res.json().detail).toEqual([
      {
        type: 'missing',
        loc: ['body', 'user', 'username'],
        msg: 'Field required',
        input: { full_name: 'John Doe' },
      },
    ])
  })

  it('test_put_invalid_importance: greater_than on a singular body value', async () => {
    const res = await client.put('/items/5', {
      json: { importance: 0, item: { name: 'Foo', price: 50.5 }, user: { username: 'Dave' } },
    })
    expect(res.json().detail).toEqual([
      {
        type: 'greater_than',
        loc: ['body', 'importance'],
        msg: 'Input should be greater than 0',
        input: 0,
        ctx: { gt: 0 },
      },
    ])
  })

  it('test_openapi_schema (tutorial004)', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('body_multiple_params', 'tutorial004'))
  })
})

describe('body_multiple_params tutorial005: Body(embed=True)', () => {
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    { params: { item_id: int, item: Body(Item, { embed: true }) } },
    async function update_item({ item_id, item }) {
      return { item_id, item }
    },
  )
  const client = new TestClient(app)

  it('test_post_all / test_post_required', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: 50.5 } } })
    expect(res.json()).toEqual({
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
    })
  })

  it('test_post_wrong_body: the unembedded model is missing', async () => {
    const res = await client.put('/items/5', { json: { name: 'Foo', price: 50.5 } })
    expect(res.json()).toEqual({
      detail: [{ type: 'missing', loc: ['body', 'item'], msg: 'Field required', input: null }],
    })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('body_multiple_params', 'tutorial005'))
  })
})
