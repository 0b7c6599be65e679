import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Body, FastAPI, Query, TestClient } from '../index.js'

const Item = v.object({
  name: v.pipe(v.string(), v.maxLength(10)),
  tags: v.optional(v.array(v.string()), []),
})

function app(): FastAPI {
  const a = new FastAPI()
  a.post('/items/', { params: { item: Item } }, function create_item({ item }) {
    return item
  })
  a.post('/any/', { params: { data: Body(v.unknown()) } }, function any_body() {
    return { ok: true }
  })
  a.post('/zod/', { params: { item: z.object({ name: z.string().max(10) }) } }, function zod_item({ item }) {
    return item
  })
  a.get('/q/', { params: { q: Query(v.pipe(v.string(), v.maxLength(5))) } }, function read_q({ q }) {
    return { q }
  })
  return a
}

describe('bad input answers a clear 4xx, bounded, never a crash', () => {
  const client = new TestClient(app())

  it('a huge string is echoed cut short in the 422 input', async () => {
    const res = await client.post('/items/', { json: { name: 'x'.repeat(200_000) } })
    expect(res.status_code).toBe(422)
    const [item] = res.json().detail
    expect(item.type).toBe('string_too_long')
    expect(item.input.length).toBeLessThan(1_100)
    expect(res.text.length).toBeLessThan(2_000)
  })

  it('a huge query value is echoed cut short too', async () => {
    const res = await client.get('/q/', { params: { q: 'y'.repeat(50_000) } })
    expect(res.status_code).toBe(422)
    expect(res.text.length).toBeLessThan(2_000)
  })

  it('a missing field in a huge object echoes a bounded object', async () => {
    const big = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))
    const res = await client.post('/items/', { json: big })
    expect(res.status_code).toBe(422)
    expect(res.json().detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'name'] })
    expect(Object.keys(res.json().detail[0].input).length).toBeLessThanOrEqual(101)
  })

  it('deeply nested JSON (10 000 levels) is a 422 or accepted, not a crash', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const res = await client.post('/items/', {
      content: deep,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status_code).toBe(422)
    expect(res.json().detail[0]).toMatchObject({ loc: ['body'] })
    const nestedObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`
    const any = await client.post('/any/', {
      content: nestedObject,
      headers: { 'content-type': 'application/json' },
    })
    expect(any.status_code).toBe(200)
    const tags = await client.post('/items/', {
      content: `{"name":"a","tags":${deep}}`,
      headers: { 'content-type': 'application/json' },
    })
    expect(tags.status_code).toBe(422)
    expect(tags.text.length).toBeLessThan(5_000)
  })

  it('a body over the limit is 413, not read whole', async () => {
    const res = await client.post('/items/', {
      content: `{"name":"${'x'.repeat(2 << 20)}"}`,
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status_code).toBe(413)
  })

  it('invalid JSON and wrong content types are 422s naming the body', async () => {
    const broken = await client.post('/items/', {
      content: '{"name":',
      headers: { 'content-type': 'application/json' },
    })
    expect(broken.json().detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 8] })
    const text = await client.post('/items/', {
      content: '{"name":"a"}',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.json().detail[0]).toMatchObject({ type: 'model_attributes_type', loc: ['body'] })
  })

  it('zod issues map to the same types as valibot', async () => {
    const res = await client.post('/zod/', { json: { name: 'x'.repeat(11) } })
    expect(res.json().detail).toEqual([
      {
        type: 'string_too_long',
        loc: ['body', 'name'],
        msg: 'String should have at most 10 characters',
        input: 'x'.repeat(11),
        ctx: { max_length: 10 },
      },
    ])
  })
})
