import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Cookie, FastAPI, Header, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/header_params/* and docs_src/cookie_params/* with
// tests/test_tutorial/test_header_params/* and test_cookie_params/*.

describe('header_params tutorial001: user_agent reads User-Agent', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { user_agent: Header(v.nullish(v.string()), { default: null }) } },
    async function read_items({ user_agent }) {
      return { 'User-Agent': user_agent }
    },
  )
  const client = new TestClient(app)

  it.each([
    [undefined, { 'User-Agent': 'testclient' }],
    [{ 'X-Header': 'notvalid' }, { 'User-Agent': 'testclient' }],
    [{ 'User-Agent': 'FastAPI test' }, { 'User-Agent': 'FastAPI test' }],
  ])('test %j', async (headers, expected) => {
    const res = await client.get('/items', headers ? { headers } : {})
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual(expected)
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('header_params', 'tutorial001'))
  })
})

describe('header_params tutorial002: convert_underscores=False', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    {
      params: {
        strange_header: Header(v.nullish(v.string()), { default: null, convert_underscores: false }),
      },
    },
    async function read_items({ strange_header }) {
      return { strange_header }
    },
  )
  const client = new TestClient(app)

  it.each([
    [undefined, null],
    [{ 'X-Header': 'notvalid' }, null],
    [{ strange_header: 'FastAPI test' }, 'FastAPI test'],
    [{ 'strange-header': 'Not really underscore' }, null],
  ])('test %j', async (headers, expected) => {
    const res = await client.get('/items', headers ? { headers } : {})
    expect(res.json()).toEqual({ strange_header: expected })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('header_params', 'tutorial002'))
  })
})

describe('header_params tutorial003: a repeated header is a list', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { x_token: Header(v.nullish(v.array(v.string())), { default: null }) } },
    async function read_items({ x_token }) {
      return { 'X-Token values': x_token }
    },
  )
  const client = new TestClient(app)

  it.each([
    [undefined, null],
    [{ 'x-token': 'foo' }, ['foo']],
    [
      [
        ['x-token', 'foo'],
        ['x-token', 'bar'],
      ] as [string, string][],
      ['foo', 'bar'],
    ],
  ])('test %j', async (headers, expected) => {
    const res = await client.get('/items', headers ? { headers } : {})
    expect(res.json()).toEqual({ 'X-Token values': expected })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('header_params', 'tutorial003'))
  })
})

describe('cookie_params tutorial001', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { ads_id: Cookie(v.nullish(v.string()), { default: null }) } },
    async function read_items({ ads_id }) {
      return { ads_id }
    },
  )

  it.each([
    [undefined, null],
    [{ ads_id: 'ads_track' }, 'ads_track'],
    [{ ads_id: 'ads_track', session: 'cookiesession' }, 'ads_track'],
    [{ session: 'cookiesession' }, null],
  ])('test %j', async (cookies, expected) => {
    const res = await new TestClient(app).get('/items', cookies ? { cookies } : {})
    expect(res.json()).toEqual({ ads_id: expected })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('cookie_params', 'tutorial001'))
  })
})
