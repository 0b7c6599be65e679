import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { Cookie, Depends, dependency, FastAPI, Header, HTTPException, Query, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/dependencies/* and
// tests/test_tutorial/test_dependencies/test_tutorial*.py (requests and expected answers).

const int = v.pipe(v.number(), v.integer())

const common_parameters = dependency(
  {
    q: Query(v.nullish(v.string(), null)),
    skip: Query(int, { default: 0 }),
    limit: Query(int, { default: 100 }),
  },
  async function common_parameters({ q, skip, limit }) {
    return { q, skip, limit }
  },
)

describe('dependencies tutorial001 (test_tutorial001_tutorial001_02.py)', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { commons: Depends(common_parameters) } },
    async function read_items({ commons }) {
      return commons
    },
  )
  app.get(
    '/users/',
    { params: { commons: Depends(common_parameters) } },
    async function read_users({ commons }) {
      return commons
    },
  )
  const client = new TestClient(app)

  it.each([
    ['/items', { q: null, skip: 0, limit: 100 }],
    ['/items?q=foo', { q: 'foo', skip: 0, limit: 100 }],
    ['/items?q=foo&skip=5', { q: 'foo', skip: 5, limit: 100 }],
    ['/items?q=foo&skip=5&limit=30', { q: 'foo', skip: 5, limit: 30 }],
    ['/users', { q: null, skip: 0, limit: 100 }],
  ])('test_get %s (through the trailing-slash redirect)', async (path, expected) => {
    const res = await client.get(path)
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual(expected)
  })

  it('test_openapi_schema: the dependency parameters are the operation parameters', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial001_tutorial001_02')
    const doc = app.openapi() as Record<string, any>
    for (const path of ['/items/', '/users/']) {
      expect(doc.paths[path].get.parameters).toEqual(expected.paths[path].get.parameters)
      expect(doc.paths[path].get.operationId).toBe(expected.paths[path].get.operationId)
    }
  })
})

const fake_items_db = [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]

class CommonQueryParams {
  readonly q: string | null
  readonly skip: number
  readonly limit: number
  constructor(values: { q: string | null; skip: number; limit: number }) {
    this.q = values.q
    this.skip = values.skip
    this.limit = values.limit
  }
}

describe('dependencies tutorial002/003/004: classes as dependencies (test_tutorial002_tutorial003_tutorial004.py)', () => {
  const Commons = dependency(
    {
      q: Query(v.nullish(v.string(), null)),
      skip: Query(int, { default: 0 }),
      limit: Query(int, { default: 100 }),
    },
    CommonQueryParams,
  )
  const app = new FastAPI()
  app.get('/items/', { params: { commons: Depends(Commons) } }, async function read_items({ commons }) {
    const response: Record<string, unknown> = {}
    if (commons.q) response.q = commons.q
    response.items = fake_items_db.slice(commons.skip, commons.skip + commons.limit)
    return response
  })
  const client = new TestClient(app)

  it.each([
    ['/items', { items: fake_items_db }],
    ['/items?q=foo', { items: fake_items_db, q: 'foo' }],
    ['/items?q=foo&skip=1', { items: [{ item_name: 'Bar' }, { item_name: 'Baz' }], q: 'foo' }],
    ['/items?q=bar&limit=2', { items: [{ item_name: 'Foo' }, { item_name: 'Bar' }], q: 'bar' }],
    ['/items?q=bar&skip=1&limit=1', { items: [{ item_name: 'Bar' }], q: 'bar' }],
    ['/items?limit=1&q=bar&skip=1', { items: [{ item_name: 'Bar' }], q: 'bar' }],
  ])('test_get %s', async (path, expected) => {
    const res = await client.get(path)
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual(expected)
  })

  it('test_openapi_schema: the class parameters are documented', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial002_tutorial003_tutorial004')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].get.parameters).toEqual(expected.paths['/items/'].get.parameters)
  })
})

describe('dependencies tutorial005: sub-dependencies (test_tutorial005.py)', () => {
  const query_extractor = dependency({ q: Query(v.nullish(v.string(), null)) }, ({ q }) => q)
  const query_or_cookie_extractor = dependency(
    { q: Depends(query_extractor), last_query: Cookie(v.nullish(v.string(), null)) },
    ({ q, last_query }) => (q ? q : last_query),
  )
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { query_or_default: Depends(query_or_cookie_extractor) } },
    async function read_query({ query_or_default }) {
      return { q_or_cookie: query_or_default }
    },
  )

  it.each([
    ['/items', 'from_cookie', { q_or_cookie: 'from_cookie' }],
    ['/items?q=foo', 'from_cookie', { q_or_cookie: 'foo' }],
    ['/items', undefined, { q_or_cookie: null }],
  ])('test_get %s with cookie %s', async (path, cookie, expected) => {
    const client = new TestClient(app)
    const res = await client.get(path, { cookies: cookie ? { last_query: cookie } : {} })
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual(expected)
  })

  it('test_openapi_schema: the query of the sub-dependency and the cookie are documented', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial005')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].get.parameters).toEqual(expected.paths['/items/'].get.parameters)
  })
})

const verify_token = dependency({ x_token: Header(v.string()) }, async function verify_token({ x_token }) {
  if (x_token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid')
})
const verify_key = dependency({ x_key: Header(v.string()) }, async function verify_key({ x_key }) {
  if (x_key !== 'fake-super-secret-key') throw new HTTPException(400, 'X-Key header invalid')
  return x_key
})

describe('dependencies tutorial006: dependencies in path operation decorators (test_tutorial006.py)', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { dependencies: [Depends(verify_token), Depends(verify_key)] },
    async function read_items() {
      return [{ item: 'Foo' }, { item: 'Bar' }]
    },
  )
  const client = new TestClient(app)

  it('test_get_no_headers: both headers missing, in declaration order', async () => {
    const res = await client.get('/items/')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['header', 'x-key'], msg: 'Field required', input: null },
      ],
    })
  })

  it('test_get_invalid_one_header', async () => {
    const res = await client.get('/items/', { headers: { 'X-Token': 'invalid' } })
    expect(res.status_code).toBe(400)
    expect(res.json()).toEqual({ detail: 'X-Token header invalid' })
  })

  it('test_get_invalid_second_header', async () => {
    const res = await client.get('/items/', {
      headers: { 'X-Token': 'fake-super-secret-token', 'X-Key': 'invalid' },
    })
    expect(res.status_code).toBe(400)
    expect(res.json()).toEqual({ detail: 'X-Key header invalid' })
  })

  it('test_get_valid_headers', async () => {
    const res = await client.get('/items/', {
      headers: { 'X-Token': 'fake-super-secret-token', 'X-Key': 'fake-super-secret-key' },
    })
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual([{ item: 'Foo' }, { item: 'Bar' }])
  })

  it('test_openapi_schema: the decorator dependencies document their headers', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial006')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].get.parameters).toEqual(expected.paths['/items/'].get.parameters)
  })
})

describe('dependencies tutorial008b: HTTPException raised from the code after yield (test_tutorial008b.py)', () => {
  const data: Record<string, { description: string; owner: string }> = {
    plumbus: { description: 'Freshly pickled plumbus', owner: 'Morty' },
    'portal-gun': { description: 'Gun to create portals', owner: 'Rick' },
  }
  class OwnerError extends Error {}
  function* get_username() {
    try {
      yield 'Rick'
    } catch (e) {
      if (e instanceof OwnerError) throw new HTTPException(400, `Owner error: ${e.message}`)
      throw e
    }
  }
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string(), username: Depends(get_username) } },
    function get_item({ item_id, username }) {
      const item = data[item_id]
      if (!item) throw new HTTPException(404, 'Item not found')
      if (item.owner !== username) throw new OwnerError(username)
      return item
    },
  )
  const client = new TestClient(app)

  it('test_get_no_item', async () => {
    const res = await client.get('/items/foo')
    expect([res.status_code, res.json()]).toEqual([404, { detail: 'Item not found' }])
  })
  it('test_owner_error', async () => {
    const res = await client.get('/items/plumbus')
    expect([res.status_code, res.json()]).toEqual([400, { detail: 'Owner error: Rick' }])
  })
  it('test_get_item', async () => {
    const res = await client.get('/items/portal-gun')
    expect([res.status_code, res.json()]).toEqual([
      200,
      { description: 'Gun to create portals', owner: 'Rick' },
    ])
  })
})

describe('dependencies tutorial008c/008d: except in a dependency with yield (test_tutorial008c.py, test_tutorial008d.py)', () => {
  class InternalError extends Error {}
  const build = (reraise: boolean) => {
    const app = new FastAPI()
    function* get_username() {
      try {
        yield 'Rick'
      } catch (e) {
        if (!(e instanceof InternalError)) throw e
        if (reraise) throw e
      }
    }
    app.get(
      '/items/{item_id}',
      { params: { item_id: v.string(), username: Depends(get_username) } },
      function get_item({ item_id, username }) {
        if (item_id === 'portal-gun')
          throw new InternalError(`The portal gun is too dangerous to be owned by ${username}`)
        if (item_id !== 'plumbus') throw new HTTPException(404, "Item not found, there's only a plumbus here")
        return item_id
      },
    )
    return new TestClient(app)
  }

  for (const reraise of [false, true]) {
    const name = reraise ? '008d' : '008c'
    it(`${name} test_get_no_item: an HTTPException passes through the dependency`, async () => {
      const res = await build(reraise).get('/items/foo')
      expect([res.status_code, res.json()]).toEqual([
        404,
        { detail: "Item not found, there's only a plumbus here" },
      ])
    })
    it(`${name} test_get`, async () => {
      const res = await build(reraise).get('/items/plumbus')
      expect([res.status_code, res.json()]).toEqual([200, 'plumbus'])
    })
    it(`${name} test_internal_server_error: 500 Internal Server Error`, async () => {
      const errors: unknown[] = []
      const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
      const res = await build(reraise).get('/items/portal-gun')
      spy.mockRestore()
      expect([res.status_code, res.text]).toEqual([500, 'Internal Server Error'])
      // 008c swallows the error: the server reports that the dependency did not raise it again.
      const logged = JSON.stringify(errors.flat().map(String))
      expect(logged).toContain(reraise ? 'portal gun is too dangerous' : 'a dependency with yield')
    })
  }
})

describe('dependencies tutorial008e: scope "function" closes before the response (test_tutorial008e.py)', () => {
  it('test_get_users_me', async () => {
    const events: string[] = []
    function* get_username() {
      try {
        yield 'Rick'
      } finally {
        events.push('cleanup')
      }
    }
    const app = new FastAPI()
    app.get(
      '/users/me',
      { params: { username: Depends(get_username, { scope: 'function' }) } },
      ({ username }) => {
        events.push('handler')
        return username
      },
    )
    const res = await new TestClient(app).get('/users/me')
    expect([res.status_code, res.json()]).toEqual([200, 'Rick'])
    expect(events).toEqual(['handler', 'cleanup'])
  })
})

describe('dependencies tutorial011: parameterized dependencies (test_tutorial011.py)', () => {
  // FastAPI makes a callable instance; a factory returning a dependency is the TypeScript shape.
  const FixedContentQueryChecker = (fixed_content: string) =>
    dependency({ q: Query(v.string(), { default: '' }) }, ({ q }) => (q ? q.includes(fixed_content) : false))
  const checker = FixedContentQueryChecker('bar')
  const app = new FastAPI()
  app.get(
    '/query-checker/',
    { params: { fixed_content_included: Depends(checker) } },
    async function read_query_check({ fixed_content_included }) {
      return { fixed_content_in_query: fixed_content_included }
    },
  )
  const client = new TestClient(app)

  it.each([
    ['/query-checker/', false],
    ['/query-checker/?q=qwerty', false],
    ['/query-checker/?q=foobar', true],
  ])('test_get %s', async (path, expected) => {
    const res = await client.get(path)
    expect(res.json()).toEqual({ fixed_content_in_query: expected })
  })

  it('test_openapi_schema: q is an optional string with a default', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial011')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/query-checker/'].get.parameters).toEqual(
      expected.paths['/query-checker/'].get.parameters,
    )
  })
})

describe('dependencies tutorial012: global dependencies (test_tutorial012.py)', () => {
  const app = new FastAPI({ dependencies: [Depends(verify_token), Depends(verify_key)] })
  app.get('/items/', async function read_items() {
    return [{ item: 'Portal Gun' }, { item: 'Plumbus' }]
  })
  app.get('/users/', async function read_users() {
    return [{ username: 'Rick' }, { username: 'Morty' }]
  })
  const client = new TestClient(app)

  for (const path of ['/items/', '/users/']) {
    it(`test_get_no_headers ${path}`, async () => {
      const res = await client.get(path)
      expect(res.status_code).toBe(422)
      expect(res.json().detail.map((d: { loc: unknown }) => d.loc)).toEqual([
        ['header', 'x-token'],
        ['header', 'x-key'],
      ])
    })
    it(`test_get_invalid_one_header / second header ${path}`, async () => {
      expect((await client.get(path, { headers: { 'X-Token': 'invalid' } })).json()).toEqual({
        detail: 'X-Token header invalid',
      })
      const res = await client.get(path, {
        headers: { 'X-Token': 'fake-super-secret-token', 'X-Key': 'invalid' },
      })
      expect([res.status_code, res.json()]).toEqual([400, { detail: 'X-Key header invalid' }])
    })
  }
  it('test_get_valid_headers', async () => {
    const headers = { 'X-Token': 'fake-super-secret-token', 'X-Key': 'fake-super-secret-key' }
    expect((await client.get('/items/', { headers })).json()).toEqual([
      { item: 'Portal Gun' },
      { item: 'Plumbus' },
    ])
    expect((await client.get('/users/', { headers })).json()).toEqual([
      { username: 'Rick' },
      { username: 'Morty' },
    ])
  })
  it('test_openapi_schema: every operation documents the global dependency headers', () => {
    const expected = upstreamOpenAPI('dependencies', 'tutorial012')
    const doc = app.openapi() as Record<string, any>
    for (const path of ['/items/', '/users/'])
      expect(doc.paths[path].get.parameters).toEqual(expected.paths[path].get.parameters)
  })
})

describe('testing_dependencies tutorial001: app.dependency_overrides (test_testing_dependencies/test_tutorial001.py)', () => {
  const common = dependency(
    {
      q: Query(v.nullish(v.string(), null)),
      skip: Query(int, { default: 0 }),
      limit: Query(int, { default: 100 }),
    },
    ({ q, skip, limit }) => ({ q, skip, limit }),
  )
  const app = new FastAPI()
  app.get('/items/', { params: { commons: Depends(common) } }, ({ commons }) => ({
    message: 'Hello Items!',
    params: commons,
  }))
  app.get('/users/', { params: { commons: Depends(common) } }, ({ commons }) => ({
    message: 'Hello Users!',
    params: commons,
  }))
  const override = dependency({ q: Query(v.nullish(v.string(), null)) }, ({ q }) => ({
    q,
    skip: 5,
    limit: 10,
  }))
  app.dependency_overrides.set(common, override)
  const client = new TestClient(app)

  it('test_override_in_items / _with_q / _with_params', async () => {
    expect((await client.get('/items/')).json()).toEqual({
      message: 'Hello Items!',
      params: { q: null, skip: 5, limit: 10 },
    })
    expect((await client.get('/items/?q=foo')).json()).toEqual({
      message: 'Hello Items!',
      params: { q: 'foo', skip: 5, limit: 10 },
    })
    expect((await client.get('/items/?q=foo&skip=100&limit=200')).json()).toEqual({
      message: 'Hello Items!',
      params: { q: 'foo', skip: 5, limit: 10 },
    })
  })
  it('test_normal_app: clearing the overrides restores the real dependency', async () => {
    const saved = new Map(app.dependency_overrides)
    app.dependency_overrides.clear()
    expect((await client.get('/users/?q=foo&skip=100&limit=200')).json()).toEqual({
      message: 'Hello Users!',
      params: { q: 'foo', skip: 100, limit: 200 },
    })
    for (const [k, val] of saved) app.dependency_overrides.set(k, val)
  })
})
