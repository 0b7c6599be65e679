import { TestClient } from '@bustapi/fastapi-compat'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import defaultApp, { createApp } from './app.js'
import { hashPassword, TokenSigner, verifyPassword } from './auth.js'

let client: TestClient

beforeEach(async () => {
  client = await new TestClient(
    createApp({ secret: 'test-secret', users: { alice: 'wonderland', bob: 'builder' } }),
  ).start()
})
afterEach(async () => {
  await client.close()
})

async function login(username = 'alice', password = 'wonderland'): Promise<Record<string, string>> {
  const res = await client.post('/token', { data: { username, password } })
  expect(res.status_code).toBe(200)
  return { Authorization: `Bearer ${res.json().access_token}` }
}

describe('OAuth2 password flow', () => {
  it('a correct password gets a bearer token that identifies the user', async () => {
    const res = await client.post('/token', { data: { username: 'alice', password: 'wonderland' } })
    expect(res.json()).toEqual({ access_token: expect.any(String), token_type: 'bearer' })
    const me = await client.get('/users/me', {
      headers: { Authorization: `Bearer ${res.json().access_token}` },
    })
    expect(me.json()).toEqual({ username: 'alice', full_name: null, disabled: false })
  })

  it('a wrong password or unknown user is a 400', async () => {
    for (const data of [
      { username: 'alice', password: 'nope' },
      { username: 'mallory', password: 'wonderland' },
    ]) {
      const res = await client.post('/token', { data })
      expect(res.status_code).toBe(400)
      expect(res.json()).toEqual({ detail: 'Incorrect username or password' })
    }
  })

  it('a missing form field is a 422 naming it', async () => {
    const res = await client.post('/token', { data: { username: 'alice' } })
    expect(res.status_code).toBe(422)
    expect(res.json().detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'password'] })
  })

  it('no token is 401 Not authenticated with WWW-Authenticate: Bearer', async () => {
    const res = await client.get('/users/me')
    expect(res.status_code).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(res.json()).toEqual({ detail: 'Not authenticated' })
  })

  it('a forged or expired token is 401 Could not validate credentials', async () => {
    const headers = await login()
    const forged = `${headers.Authorization!.slice(0, -4)}0000`
    const res = await client.get('/users/me', { headers: { Authorization: forged } })
    expect(res.status_code).toBe(401)
    expect(res.json()).toEqual({ detail: 'Could not validate credentials' })
    const old = await new TokenSigner('test-secret', 60).sign('alice', Date.now() - 120_000)
    expect((await client.get('/users/me', { headers: { Authorization: `Bearer ${old}` } })).status_code).toBe(
      401,
    )
  })
})

describe('items CRUD', () => {
  it('create, read, list, update and delete an item', async () => {
    const headers = await login()
    const created = await client.post('/items/', { headers, json: { name: 'Hammer', price: 9.5 } })
    expect(created.status_code).toBe(201)
    expect(created.json()).toEqual({
      id: 1,
      name: 'Hammer',
      description: null,
      price: 9.5,
      tax: null,
      owner: 'alice',
    })

    expect((await client.get('/items/1', { headers })).json()).toMatchObject({ name: 'Hammer' })
    await client.post('/items/', { headers, json: { name: 'Nails', price: 2, tax: 0.2 } })
    const list = await client.get('/items/', { headers, params: { q: 'ail' } })
    expect(list.json().map((i: { name: string }) => i.name)).toEqual(['Nails'])
    const page = await client.get('/items/', { headers, params: { skip: 1, limit: 1 } })
    expect(page.json().map((i: { id: number }) => i.id)).toEqual([2])

    const patched = await client.patch('/items/1', { headers, json: { price: 11 } })
    expect(patched.json()).toEqual({
      id: 1,
      name: 'Hammer',
      description: null,
      price: 11,
      tax: null,
      owner: 'alice',
    })

    const deleted = await client.delete('/items/1', { headers })
    expect(deleted.status_code).toBe(204)
    expect(deleted.text).toBe('')
    const gone = await client.get('/items/1', { headers })
    expect(gone.status_code).toBe(404)
    expect(gone.json()).toEqual({ detail: 'Item not found' })
  })

  it('the items router requires a user on every route', async () => {
    expect((await client.get('/items/')).status_code).toBe(401)
    expect((await client.post('/items/', { json: { name: 'x', price: 1 } })).status_code).toBe(401)
  })

  it("another user cannot change or delete someone's item", async () => {
    const alice = await login()
    await client.post('/items/', { headers: alice, json: { name: 'Hammer', price: 9.5 } })
    const bob = await login('bob', 'builder')
    expect((await client.patch('/items/1', { headers: bob, json: { price: 1 } })).status_code).toBe(403)
    expect((await client.delete('/items/1', { headers: bob })).status_code).toBe(403)
    expect((await client.get('/items/1', { headers: bob })).json().price).toBe(9.5)
  })

  it('invalid input is a 422 in FastAPI form', async () => {
    const headers = await login()
    const res = await client.post('/items/', { headers, json: { name: '', price: -1 } })
    expect(res.status_code).toBe(422)
    expect(res.json().detail).toEqual([
      {
        type: 'string_too_short',
        loc: ['body', 'name'],
        msg: 'String should have at least 1 character',
        input: '',
        ctx: { min_length: 1 },
      },
      {
        type: 'greater_than',
        loc: ['body', 'price'],
        msg: 'Input should be greater than 0',
        input: -1,
        ctx: { gt: 0 },
      },
    ])
    const badId = await client.get('/items/abc', { headers })
    expect(badId.json().detail[0]).toMatchObject({ type: 'int_parsing', loc: ['path', 'item_id'] })
  })

  it('a failing handler rolls its transaction back (the yield dependency sees the error)', async () => {
    const headers = await login()
    await client.post('/items/', { headers, json: { name: 'Hammer', price: 9.5 } })
    const bob = await login('bob', 'builder')
    // PATCH by another user raises after reading: nothing is written, the next request still works.
    await client.patch('/items/1', { headers: bob, json: { name: 'Stolen' } })
    expect((await client.get('/items/1', { headers })).json().name).toBe('Hammer')
  })
})

describe('documentation', () => {
  it('/openapi.json documents routers, tags, security and models', async () => {
    const doc = (await client.get('/openapi.json')).json()
    expect(doc.info).toEqual({
      title: 'BustAPI example shop',
      version: '1.0.0',
      description: 'Items with owners, behind OAuth2 password login.',
    })
    expect(Object.keys(doc.paths)).toEqual(['/token', '/users/me', '/items/', '/items/{item_id}'])
    expect(doc.paths['/items/{item_id}'].get.tags).toEqual(['items'])
    expect(doc.paths['/items/{item_id}'].get.security).toEqual([{ OAuth2PasswordBearer: [] }])
    expect(doc.components.securitySchemes.OAuth2PasswordBearer).toEqual({
      type: 'oauth2',
      flows: { password: { scopes: {}, tokenUrl: 'token' } },
    })
    expect(doc.paths['/token'].post.requestBody.content['application/x-www-form-urlencoded']).toBeDefined()
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Item',
        'ItemCreate',
        'ItemUpdate',
        'Message',
        'Token',
        'User',
        'HTTPValidationError',
      ]),
    )
  })

  it('/docs serves Swagger UI with local assets', async () => {
    const res = await client.get('/docs')
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.text).toContain('/docs/assets/swagger-ui-bundle.js')
    expect((await client.get('/docs/assets/swagger-ui-bundle.js')).status_code).toBe(200)
  })

  it('the default export is a ready app', async () => {
    const c = await new TestClient(defaultApp).start()
    expect(
      (await c.post('/token', { data: { username: 'alice', password: 'wonderland' } })).status_code,
    ).toBe(200)
    await c.close()
  })
})

describe('password hashing', () => {
  it('PBKDF2 hashes verify only the right password and are salted', async () => {
    const a = await hashPassword('secret', 1000)
    const b = await hashPassword('secret', 1000)
    expect(a).not.toBe(b)
    expect(await verifyPassword('secret', a)).toBe(true)
    expect(await verifyPassword('Secret', a)).toBe(false)
    expect(await verifyPassword('secret', 'garbage')).toBe(false)
  })
})

describe('mounted under a prefix', () => {
  it('root_path makes /docs point at the prefixed document and lists it in servers', async () => {
    const c = await new TestClient(createApp({ root_path: '/fastapi' })).start()
    expect((await c.get('/docs')).text).toContain('"/fastapi/openapi.json"')
    expect((await c.get('/openapi.json')).json().servers).toEqual([{ url: '/fastapi' }])
    await c.close()
  })
})
