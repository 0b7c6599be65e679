import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FastAPI, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/body/* and tests/test_tutorial/test_body/*.

const Item = v.object({
  name: v.string(),
  description: v.nullish(v.string(), null),
  price: v.number(),
  tax: v.nullish(v.number(), null),
})

const ZItem = z.object({
  name: z.string(),
  description: z.string().nullish().default(null),
  price: z.number(),
  tax: z.number().nullish().default(null),
})

for (const [label, schema] of [
  ['valibot', Item],
  ['zod', ZItem],
] as const) {
  describe(`body tutorial001 (${label})`, () => {
    const app = new FastAPI()
    app.post('/items/', { params: { item: schema } }, ({ item }) => item)
    const client = new TestClient(app)

    it('test_body_float: echoes the model with defaults', async () => {
      const res = await client.post('/items/', { json: { name: 'Foo', price: 50.5 } })
      expect(res.status_code).toBe(200)
      expect(res.json()).toEqual({ name: 'Foo', price: 50.5, description: null, tax: null })
    })

    it('test_post_with_str_float / _description / _tax: numeric strings are numbers (lax mode)', async () => {
      expect((await client.post('/items/', { json: { name: 'Foo', price: '50.5' } })).json()).toEqual({
        name: 'Foo',
        price: 50.5,
        description: null,
        tax: null,
      })
      const res = await client.post('/items/', {
        json: { name: 'Foo', price: '50.5', description: 'Some Foo', tax: 0.3 },
      })
      expect(res.json()).toEqual({ name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3 })
    })

    it('test_post_with_only_name: missing field echoes the object', async () => {
      const res = await client.post('/items/', { json: { name: 'Foo' } })
      expect(res.status_code).toBe(422)
      expect(res.json()).toEqual({
        detail: [{ type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: { name: 'Foo' } }],
      })
    })

    it('test_post_with_only_name_price: float_parsing', async () => {
      const res = await client.post('/items/', { json: { name: 'Foo', price: 'twenty' } })
      expect(res.status_code).toBe(422)
      expect(res.json()).toEqual({
        detail: [
          {
            type: 'float_parsing',
            loc: ['body', 'price'],
            msg: 'Input should be a valid number, unable to parse string as a number',
            input: 'twenty',
          },
        ],
      })
    })

    it('test_post_with_no_data: every missing field', async () => {
      const res = await client.post('/items/', { json: {} })
      expect(res.json()).toEqual({
        detail: [
          { type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: {} },
          { type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: {} },
        ],
      })
    })

    it('test_post_with_none: a null body is missing', async () => {
      const res = await client.post('/items/', {
        json: null,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status_code).toBe(422)
      expect(res.json()).toEqual({
        detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
      })
    })

    it('test_post_broken_body: json_invalid at the error offset', async () => {
      const res = await client.post('/items/', {
        headers: { 'content-type': 'application/json' },
        content: '{some broken json}',
      })
      expect(res.status_code).toBe(422)
      expect(res.json()).toEqual({
        detail: [
          {
            type: 'json_invalid',
            loc: ['body', 1],
            msg: 'JSON decode error',
            input: {},
            ctx: { error: 'Expecting property name enclosed in double quotes' },
          },
        ],
      })
    })

    it('test_post_form_for_json: a form is not a model', async () => {
      const res = await client.post('/items/', { data: { name: 'Foo', price: '50.5' } })
      expect(res.status_code).toBe(422)
      expect(res.json()).toEqual({
        detail: [
          {
            type: 'model_attributes_type',
            loc: ['body'],
            msg: 'Input should be a valid dictionary or object to extract fields from',
            input: 'name=Foo&price=50.5',
          },
        ],
      })
    })

    it('test_explicit_content_type / test_geo_json: JSON and +json types parse', async () => {
      const content = '{"name": "Foo", "price": 50.5}'
      expect(
        (await client.post('/items/', { content, headers: { 'Content-Type': 'application/json' } }))
          .status_code,
      ).toBe(200)
      expect(
        (await client.post('/items/', { content, headers: { 'Content-Type': 'application/geo+json' } }))
          .status_code,
      ).toBe(200)
    })

    it('test_no_content_type_json / test_wrong_headers: other types are rejected (strict_content_type)', async () => {
      const content = '{"name": "Foo", "price": 50.5}'
      expect((await client.post('/items/', { content })).status_code).toBe(422)
      for (const type of ['text/plain', 'application/geo+json-seq', 'application/not-really-json']) {
        const res = await client.post('/items/', { content, headers: { 'Content-Type': type } })
        expect(res.status_code).toBe(422)
        expect(res.json().detail[0]).toMatchObject({
          type: 'model_attributes_type',
          loc: ['body'],
          input: content,
        })
      }
    })
  })
}

describe('strict_content_type tutorial001 (lax)', () => {
  const app = new FastAPI({ strict_content_type: false })
  app.post(
    '/items/',
    { params: { item: v.object({ name: v.string(), price: v.number() }) } },
    ({ item }) => item,
  )
  const client = new TestClient(app)

  it('test_lax_post_without_content_type_is_parsed_as_json', async () => {
    const res = await client.post('/items/', { content: '{"name": "Foo", "price": 50.5}' })
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual({ name: 'Foo', price: 50.5 })
  })

  it('test_lax_post_with_text_plain_is_still_rejected', async () => {
    const res = await client.post('/items/', {
      content: '{"name": "Foo", "price": 50.5}',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(res.status_code).toBe(422)
  })
})

describe('body tutorial002-004 (model with path and query params)', () => {
  const app = new FastAPI()
  app.post('/items/', { params: { item: Item } }, ({ item }) =>
    item.tax != null ? { ...item, price_with_tax: item.price + item.tax } : item,
  )
  app.put(
    '/items/{item_id}',
    { params: { item_id: v.pipe(v.number(), v.integer()), item: Item, q: v.optional(v.string()) } },
    ({ item_id, item, q }) => (q ? { item_id, ...item, q } : { item_id, ...item }),
  )
  const client = new TestClient(app)

  it('tutorial002: computes price_with_tax when tax is given', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 50.5, tax: 0.5 } })
    expect(res.json()).toEqual({ name: 'Foo', price: 50.5, description: null, tax: 0.5, price_with_tax: 51 })
  })

  it('tutorial003/004: path param, body and query together', async () => {
    const res = await client.put('/items/123', { json: { name: 'Foo', price: 50.1 } })
    expect(res.json()).toEqual({ item_id: 123, name: 'Foo', price: 50.1, description: null, tax: null })
    const withQ = await client.put('/items/5?q=bar', { json: { name: 'Foo', price: 50.1 } })
    expect(withQ.json()).toEqual({
      item_id: 5,
      name: 'Foo',
      price: 50.1,
      description: null,
      tax: null,
      q: 'bar',
    })
  })
})
