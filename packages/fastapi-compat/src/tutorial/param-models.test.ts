import * as v from 'valibot'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { Cookie, FastAPI, Form, Header, Query, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/{query,header,cookie}_param_models/* and
// docs_src/request_form_models/* with their tests in tests/test_tutorial/.

describe('query_param_models tutorial001: Query(FilterParams)', () => {
  const FilterParams = v.object({
    limit: v.optional(v.pipe(v.number(), v.integer(), v.gtValue(0), v.maxValue(100)), 100),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
    order_by: v.optional(v.picklist(['created_at', 'updated_at']), 'created_at'),
    tags: v.optional(v.array(v.string()), []),
  })
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { filter_query: Query(FilterParams) } },
    async function read_items({ filter_query }) {
      expectTypeOf(filter_query.order_by).toEqualTypeOf<'created_at' | 'updated_at'>()
      return filter_query
    },
  )
  const client = new TestClient(app)

  it('test_query_param_model: every field from the query string', async () => {
    const res = await client.get('/items/', {
      params: { limit: 10, offset: 5, order_by: 'updated_at', tags: ['tag1', 'tag2'] },
    })
    expect(res.json()).toEqual({ limit: 10, offset: 5, order_by: 'updated_at', tags: ['tag1', 'tag2'] })
  })

  it('test_query_param_model_defaults', async () => {
    expect((await client.get('/items/')).json()).toEqual({
      limit: 100,
      offset: 0,
      order_by: 'created_at',
      tags: [],
    })
  })

  it('test_query_param_model_invalid: each field reported under query', async () => {
    const res = await client.get('/items/', { params: { limit: 150, offset: -1, order_by: 'invalid' } })
    expect(res.status_code).toBe(422)
    // pydantic echoes the query string as received ('150'), not the coerced number.
    expect(res.json().detail).toEqual([
      {
        type: 'less_than_equal',
        loc: ['query', 'limit'],
        msg: 'Input should be less than or equal to 100',
        input: '150',
        ctx: { le: 100 },
      },
      {
        type: 'greater_than_equal',
        loc: ['query', 'offset'],
        msg: 'Input should be greater than or equal to 0',
        input: '-1',
        ctx: { ge: 0 },
      },
      {
        type: 'literal_error',
        loc: ['query', 'order_by'],
        msg: "Input should be 'created_at' or 'updated_at'",
        input: 'invalid',
        ctx: { expected: "'created_at' or 'updated_at'" },
      },
    ])
  })

  it('test_openapi_schema: the fields are documented as separate parameters', () => {
    const doc = app.openapi() as Record<string, any>
    const expected = upstreamOpenAPI('query_param_models', 'tutorial001')
    expect(doc.paths['/items/'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expected.paths['/items/'].get.parameters.map((p: { name: string }) => p.name),
    )
    expect(doc.paths['/items/'].get.parameters[2]).toEqual(expected.paths['/items/'].get.parameters[2])
  })
})

describe('header_param_models tutorial001: Header(CommonHeaders)', () => {
  const CommonHeaders = z.object({
    host: z.string(),
    save_data: z.boolean(),
    if_modified_since: z.string().nullish(),
    traceparent: z.string().nullish(),
    x_tag: z.array(z.string()).default([]),
  })
  const app = new FastAPI()
  app.get('/items/', { params: { headers: Header(CommonHeaders) } }, async function read_items({ headers }) {
    return headers
  })
  const client = new TestClient(app)

  it('test_header_param_model: underscores read hyphenated headers', async () => {
    const res = await client.get('/items/', {
      headers: [
        ['save-data', 'true'],
        ['if-modified-since', 'yesterday'],
        ['traceparent', '123'],
        ['x-tag', 'one'],
        ['x-tag', 'two'],
      ],
    })
    expect(res.json()).toEqual({
      host: 'testserver',
      save_data: true,
      if_modified_since: 'yesterday',
      traceparent: '123',
      x_tag: ['one', 'two'],
    })
  })

  it('test_header_param_model_invalid: a missing field names its header', async () => {
    const res = await client.get('/items/')
    expect(res.status_code).toBe(422)
    expect(res.json().detail).toEqual([
      { type: 'missing', loc: ['header', 'save-data'], msg: 'Field required', input: null },
    ])
  })

  it('test_openapi_schema', () => {
    const doc = app.openapi() as Record<string, any>
    const names = doc.paths['/items/'].get.parameters.map(
      (p: { name: string; in: string }) => `${p.in}:${p.name}`,
    )
    expect(names).toEqual([
      'header:host',
      'header:save-data',
      'header:if-modified-since',
      'header:traceparent',
      'header:x-tag',
    ])
    expect(
      upstreamOpenAPI('header_param_models', 'tutorial001').paths['/items/'].get.parameters.map(
        (p: { name: string; in: string }) => `${p.in}:${p.name}`,
      ),
    ).toEqual(names)
  })
})

describe('cookie_param_models tutorial001: Cookie(Cookies)', () => {
  const Cookies = v.object({
    session_id: v.string(),
    fatebook_tracker: v.nullish(v.string(), null),
    googall_tracker: v.nullish(v.string(), null),
  })
  const app = new FastAPI()
  app.get('/items/', { params: { cookies: Cookie(Cookies) } }, async function read_items({ cookies }) {
    return cookies
  })

  it('test_cookie_param_model / _defaults / _invalid', async () => {
    const client = new TestClient(app)
    expect(
      (
        await client.get('/items/', {
          cookies: { session_id: '123', fatebook_tracker: '456', googall_tracker: '789' },
        })
      ).json(),
    ).toEqual({ session_id: '123', fatebook_tracker: '456', googall_tracker: '789' })
    expect((await client.get('/items/', { cookies: { session_id: '123' } })).json()).toEqual({
      session_id: '123',
      fatebook_tracker: null,
      googall_tracker: null,
    })
    expect((await client.get('/items/')).json()).toEqual({
      detail: [{ type: 'missing', loc: ['cookie', 'session_id'], msg: 'Field required', input: null }],
    })
  })

  it('test_openapi_schema', () => {
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].get.parameters).toEqual(
      upstreamOpenAPI('cookie_param_models', 'tutorial001').paths['/items/'].get.parameters,
    )
  })
})

describe('request_form_models tutorial001: Form(FormData)', () => {
  const FormData = v.object({ username: v.string(), password: v.string() })
  const app = new FastAPI()
  app.post('/login/', { params: { data: Form(FormData) } }, async function login({ data }) {
    return data
  })
  const client = new TestClient(app)

  it('test_post_body_form / test_post_body_form_no_password', async () => {
    expect((await client.post('/login/', { data: { username: 'Foo', password: 'secret' } })).json()).toEqual({
      username: 'Foo',
      password: 'secret',
    })
    expect((await client.post('/login/', { data: { username: 'Foo' } })).json()).toEqual({
      detail: [{ type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null }],
    })
  })

  it('documents a form body with both fields', () => {
    const doc = app.openapi() as Record<string, any>
    const body = doc.paths['/login/'].post.requestBody
    expect(Object.keys(body.content)).toEqual(['application/x-www-form-urlencoded'])
    const ref = body.content['application/x-www-form-urlencoded'].schema.$ref as string
    expect(doc.components.schemas[ref.split('/').at(-1)!].required).toEqual(['username', 'password'])
  })
})
