import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  APIRouter,
  Depends,
  dependency,
  FastAPI,
  Header,
  HTTPException,
  Query,
  TestClient,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/bigger_applications/app_an_py310/* and
// tests/test_tutorial/test_bigger_applications/test_main.py.

// dependencies.py
const get_token_header = dependency(
  { x_token: Header(v.string()) },
  async function get_token_header({ x_token }) {
    if (x_token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid')
  },
)
const get_query_token = dependency({ token: Query(v.string()) }, async function get_query_token({ token }) {
  if (token !== 'jessica') throw new HTTPException(400, 'No Jessica token provided')
})

// routers/users.py
const users = new APIRouter()
users.get('/users/', { tags: ['users'] }, async function read_users() {
  return [{ username: 'Rick' }, { username: 'Morty' }]
})
users.get('/users/me', { tags: ['users'] }, async function read_user_me() {
  return { username: 'fakecurrentuser' }
})
users.get(
  '/users/{username}',
  { tags: ['users'], params: { username: v.string() } },
  async function read_user({ username }) {
    return { username }
  },
)

// routers/items.py
const fake_items_db: Record<string, { name: string }> = {
  plumbus: { name: 'Plumbus' },
  gun: { name: 'Portal Gun' },
}
const items = new APIRouter({
  prefix: '/items',
  tags: ['items'],
  dependencies: [Depends(get_token_header)],
  responses: { 404: { description: 'Not found' } },
})
items.get('/', async function read_items() {
  return fake_items_db
})
items.get('/{item_id}', { params: { item_id: v.string() } }, async function read_item({ item_id }) {
  const item = fake_items_db[item_id]
  if (!item) throw new HTTPException(404, 'Item not found')
  return { name: item.name, item_id }
})
items.put(
  '/{item_id}',
  {
    params: { item_id: v.string() },
    tags: ['custom'],
    responses: { 403: { description: 'Operation forbidden' } },
  },
  async function update_item({ item_id }) {
    if (item_id !== 'plumbus') throw new HTTPException(403, 'You can only update the item: plumbus')
    return { item_id, name: 'The great Plumbus' }
  },
)

// internal/admin.py
const admin = new APIRouter()
admin.post('/', async function update_admin() {
  return { message: 'Admin getting schwifty' }
})

// main.py
const app = new FastAPI({ dependencies: [Depends(get_query_token)] })
app.include_router(users)
app.include_router(items)
app.include_router(admin, {
  prefix: '/admin',
  tags: ['admin'],
  dependencies: [Depends(get_token_header)],
  responses: { 418: { description: "I'm a teapot" } },
})
app.get('/', async function root() {
  return { message: 'Hello Bigger Applications!' }
})

const client = new TestClient(app)
const missing = (...locs: string[][]) => ({
  detail: locs.map((loc) => ({ type: 'missing', loc, msg: 'Field required', input: null })),
})
const X = { 'X-Token': 'fake-super-secret-token' }

describe('bigger_applications (test_main.py)', () => {
  it.each([
    ['/users?token=jessica', [{ username: 'Rick' }, { username: 'Morty' }]],
    ['/users/foo?token=jessica', { username: 'foo' }],
    ['/users/me?token=jessica', { username: 'fakecurrentuser' }],
    ['/?token=jessica', { message: 'Hello Bigger Applications!' }],
  ])('test_users_*_token_jessica / test_root_token_jessica: %s', async (path, expected) => {
    const res = await client.get(path)
    expect([res.status_code, res.json()]).toEqual([200, expected])
  })

  it.each(['/users', '/users/foo', '/users/me', '/'])(
    'test_*_with_no_token: %s needs the app-level query token',
    async (path) => {
      const res = await client.get(path)
      expect([res.status_code, res.json()]).toEqual([422, missing(['query', 'token'])])
    },
  )

  it('test_users_token_monica_with_no_jessica', async () => {
    const res = await client.get('/users?token=monica')
    expect([res.status_code, res.json()]).toEqual([400, { detail: 'No Jessica token provided' }])
  })

  it('test_items_token_jessica / test_items_plumbus_token_jessica / test_items_bar_token_jessica', async () => {
    expect((await client.get('/items?token=jessica', { headers: X })).json()).toEqual(fake_items_db)
    expect((await client.get('/items/plumbus?token=jessica', { headers: X })).json()).toEqual({
      name: 'Plumbus',
      item_id: 'plumbus',
    })
    const bar = await client.get('/items/bar?token=jessica', { headers: X })
    expect([bar.status_code, bar.json()]).toEqual([404, { detail: 'Item not found' }])
  })

  it('test_items_with_no_token_jessica / test_items_plumbus_with_no_token', async () => {
    for (const path of ['/items', '/items/plumbus']) {
      const res = await client.get(path, { headers: X })
      expect([res.status_code, res.json()]).toEqual([422, missing(['query', 'token'])])
    }
  })

  it('test_items_with_invalid_token / test_items_bar_with_invalid_token', async () => {
    for (const path of ['/items?token=jessica', '/items/bar?token=jessica']) {
      const res = await client.get(path, { headers: { 'X-Token': 'invalid' } })
      expect([res.status_code, res.json()]).toEqual([400, { detail: 'X-Token header invalid' }])
    }
  })

  it('test_items_with_missing_x_token_header / test_items_plumbus_with_missing_x_token_header', async () => {
    for (const path of ['/items?token=jessica', '/items/plumbus?token=jessica']) {
      const res = await client.get(path)
      expect([res.status_code, res.json()]).toEqual([422, missing(['header', 'x-token'])])
    }
  })

  it('test_put_no_header: app dependency first, then the router dependency', async () => {
    const res = await client.put('/items/foo')
    expect([res.status_code, res.json()]).toEqual([422, missing(['query', 'token'], ['header', 'x-token'])])
  })

  it('test_put_invalid_header: a dependency with valid parameters still runs when another failed', async () => {
    const res = await client.put('/items/foo', { headers: { 'X-Token': 'invalid' } })
    expect([res.status_code, res.json()]).toEqual([400, { detail: 'X-Token header invalid' }])
  })

  it('test_put / test_put_forbidden', async () => {
    const ok = await client.put('/items/plumbus?token=jessica', { headers: X })
    expect([ok.status_code, ok.json()]).toEqual([200, { item_id: 'plumbus', name: 'The great Plumbus' }])
    const no = await client.put('/items/bar?token=jessica', { headers: X })
    expect([no.status_code, no.json()]).toEqual([403, { detail: 'You can only update the item: plumbus' }])
  })

  it('test_admin / test_admin_invalid_header', async () => {
    const ok = await client.post('/admin/?token=jessica', { headers: X })
    expect([ok.status_code, ok.json()]).toEqual([200, { message: 'Admin getting schwifty' }])
    const bad = await client.post('/admin/', { headers: { 'X-Token': 'invalid' } })
    expect([bad.status_code, bad.json()]).toEqual([400, { detail: 'X-Token header invalid' }])
  })

  it('test_openapi_schema: tags, responses and dependency parameters merged from app, routers and routes', () => {
    const expected = upstreamOpenAPI('bigger_applications', 'main')
    const doc = app.openapi() as Record<string, any>
    expect(Object.keys(doc.paths)).toEqual(Object.keys(expected.paths))
    for (const [path, ops] of Object.entries(expected.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const mine = doc.paths[path][method]
        expect(mine.tags, `${method} ${path}`).toEqual(op.tags)
        expect(mine.parameters, `${method} ${path}`).toEqual(op.parameters)
        expect(Object.keys(mine.responses).sort(), `${method} ${path}`).toEqual(
          Object.keys(op.responses).sort(),
        )
        expect(mine.operationId).toBe(op.operationId)
      }
    }
    expect(doc).toEqual(expected)
  })
})
