import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { sign, verify } from 'hono/jwt'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  Depends,
  dependency,
  FastAPI,
  HTTPBasic,
  HTTPException,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Security,
  TestClient,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/security/* and tests/test_tutorial/test_security/*.
// Current FastAPI answers a missing credential with 401 and a WWW-Authenticate challenge
// (FastAPI 0.92, as Debian packages it, answered 403 "Not authenticated" without one).

const basic = (user: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
})

describe('security tutorial001: first steps (test_tutorial001.py)', () => {
  const oauth2_scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
  const app = new FastAPI()
  app.get('/items/', { params: { token: Depends(oauth2_scheme) } }, async function read_items({ token }) {
    return { token }
  })
  const client = new TestClient(app)

  it('test_no_token: 401 with WWW-Authenticate: Bearer', async () => {
    const res = await client.get('/items')
    expect(res.status_code).toBe(401)
    expect(res.json()).toEqual({ detail: 'Not authenticated' })
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer')
  })
  it('test_token', async () => {
    const res = await client.get('/items', { headers: { Authorization: 'Bearer testtoken' } })
    expect([res.status_code, res.json()]).toEqual([200, { token: 'testtoken' }])
  })
  it('test_incorrect_token: another scheme is not a bearer token', async () => {
    const res = await client.get('/items', { headers: { Authorization: 'Notexistent testtoken' } })
    expect([res.status_code, res.headers.get('WWW-Authenticate')]).toEqual([401, 'Bearer'])
  })
  it('test_openapi_schema: the password flow scheme and the operation security', () => {
    const expected = upstreamOpenAPI('security', 'tutorial001')
    const doc = app.openapi() as Record<string, any>
    expect(doc.components.securitySchemes).toEqual(expected.components.securitySchemes)
    expect(doc.paths['/items/'].get.security).toEqual(expected.paths['/items/'].get.security)
    expect(doc).toEqual(expected)
  })
})

const User = v.object({
  username: v.string(),
  email: v.nullish(v.string(), null),
  full_name: v.nullish(v.string(), null),
  disabled: v.nullish(v.boolean(), null),
})

describe('security tutorial002: get current user (test_tutorial002.py)', () => {
  const oauth2_scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
  const get_current_user = dependency({ token: Depends(oauth2_scheme) }, async ({ token }) => ({
    username: `${token}fakedecoded`,
    email: 'john@example.com',
    full_name: 'John Doe',
    disabled: null,
  }))
  const app = new FastAPI()
  app.get(
    '/users/me',
    { params: { current_user: Depends(get_current_user) } },
    ({ current_user }) => current_user,
  )
  const client = new TestClient(app)

  it('test_no_token', async () => {
    const res = await client.get('/users/me')
    expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
      401,
      { detail: 'Not authenticated' },
      'Bearer',
    ])
  })
  it('test_token', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer testtoken' } })
    expect(res.json()).toEqual({
      username: 'testtokenfakedecoded',
      email: 'john@example.com',
      full_name: 'John Doe',
      disabled: null,
    })
  })
})

const fake_users_db: Record<string, Record<string, unknown>> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password: 'fakehashedsecret',
    disabled: false,
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Wonderson',
    email: 'alice@example.com',
    hashed_password: 'fakehashedsecret2',
    disabled: true,
  },
}

describe('security tutorial003: simple OAuth2 with password and bearer (test_tutorial003.py)', () => {
  const oauth2_scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
  const get_current_user = dependency({ token: Depends(oauth2_scheme) }, async ({ token }) => {
    const user = fake_users_db[token]
    if (!user) throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' })
    return user
  })
  const get_current_active_user = dependency(
    { current_user: Depends(get_current_user) },
    ({ current_user }) => {
      if (current_user.disabled) throw new HTTPException(400, 'Inactive user')
      return current_user
    },
  )
  const app = new FastAPI()
  app.post(
    '/token',
    { params: { form_data: Depends(OAuth2PasswordRequestForm) } },
    async function login({ form_data }) {
      const user = fake_users_db[form_data.username]
      if (!user || `fakehashed${form_data.password}` !== user.hashed_password)
        throw new HTTPException(400, 'Incorrect username or password')
      return { access_token: user.username, token_type: 'bearer' }
    },
  )
  app.get(
    '/users/me',
    { params: { current_user: Depends(get_current_active_user) } },
    async function read_users_me({ current_user }) {
      return current_user
    },
  )
  const client = new TestClient(app)

  it('test_login', async () => {
    const res = await client.post('/token', { data: { username: 'johndoe', password: 'secret' } })
    expect([res.status_code, res.json()]).toEqual([200, { access_token: 'johndoe', token_type: 'bearer' }])
  })
  it('test_login_incorrect_password / _username', async () => {
    for (const data of [
      { username: 'johndoe', password: 'incorrect' },
      { username: 'foo', password: 'secret' },
    ]) {
      const res = await client.post('/token', { data })
      expect([res.status_code, res.json()]).toEqual([400, { detail: 'Incorrect username or password' }])
    }
  })
  it('a login form without a password is a 422 naming the form field', async () => {
    const res = await client.post('/token', { data: { username: 'johndoe' } })
    expect(res.status_code).toBe(422)
    expect(res.json().detail).toEqual([
      { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
    ])
  })
  it('test_no_token / test_incorrect_token / test_incorrect_token_type', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer nonexistent' },
      { Authorization: 'Notexistent testtoken' },
    ] as Record<string, string>[]) {
      const res = await client.get('/users/me', { headers })
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Not authenticated' },
        'Bearer',
      ])
    }
  })
  it('test_token', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer johndoe' } })
    expect([res.status_code, res.json()]).toEqual([200, fake_users_db.johndoe])
  })
  it('test_inactive_user', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer alice' } })
    expect([res.status_code, res.json()]).toEqual([400, { detail: 'Inactive user' }])
  })
  it('test_openapi_schema: the login form body and the bearer scheme', () => {
    const expected = upstreamOpenAPI('security', 'tutorial003')
    const doc = app.openapi() as Record<string, any>
    expect(doc.components.securitySchemes).toEqual(expected.components.securitySchemes)
    expect(doc.paths['/users/me'].get.security).toEqual(expected.paths['/users/me'].get.security)
    expect(doc.paths['/token'].post.requestBody).toEqual(expected.paths['/token'].post.requestBody)
    expect(doc.components.schemas.Body_login_token_post).toEqual(
      expected.components.schemas.Body_login_token_post,
    )
  })
})

describe('security tutorial005: OAuth2 scopes with JWT (test_tutorial005.py)', () => {
  const SECRET_KEY = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'
  // Upstream hashes with argon2 (pwdlib); scrypt from node:crypto plays the same part here.
  const hash = (password: string, salt = randomBytes(16).toString('hex')) =>
    `${salt}$${scryptSync(password, salt, 32).toString('hex')}`
  const verify_password = (password: string, hashed: string) => {
    const [salt, digest] = hashed.split('$') as [string, string]
    return timingSafeEqual(
      Buffer.from(hash(password, salt).split('$')[1]!, 'hex'),
      Buffer.from(digest, 'hex'),
    )
  }
  const users: Record<string, Record<string, unknown> & { hashed_password: string; disabled: boolean }> = {
    johndoe: {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      hashed_password: hash('secret'),
      disabled: false,
    },
    alice: {
      username: 'alice',
      full_name: 'Alice Chains',
      email: 'alicechains@example.com',
      hashed_password: hash('secretalice'),
      disabled: true,
    },
  }
  const oauth2_scheme = new OAuth2PasswordBearer({
    tokenUrl: 'token',
    scopes: { me: 'Read information about the current user.', items: 'Read items.' },
  })
  const get_current_user = dependency(
    { token: Depends(oauth2_scheme) },
    async ({ token }, { security_scopes }) => {
      const authenticate_value = security_scopes.scopes.length
        ? `Bearer scope="${security_scopes.scope_str}"`
        : 'Bearer'
      const credentials_exception = new HTTPException(401, 'Could not validate credentials', {
        'WWW-Authenticate': authenticate_value,
      })
      let payload: Record<string, unknown>
      try {
        payload = await verify(token, SECRET_KEY, 'HS256')
      } catch {
        throw credentials_exception
      }
      const username = payload.sub
      if (typeof username !== 'string') throw credentials_exception
      const token_scopes = String(payload.scope ?? '').split(' ')
      const user = users[username]
      if (!user) throw credentials_exception
      for (const scope of security_scopes.scopes) {
        if (!token_scopes.includes(scope))
          throw new HTTPException(401, 'Not enough permissions', { 'WWW-Authenticate': authenticate_value })
      }
      return user
    },
  )
  const get_current_active_user = dependency(
    { current_user: Security(get_current_user, { scopes: ['me'] }) },
    ({ current_user }) => {
      if (current_user.disabled) throw new HTTPException(400, 'Inactive user')
      return current_user
    },
  )
  const app = new FastAPI()
  app.post(
    '/token',
    { params: { form_data: Depends(OAuth2PasswordRequestForm) } },
    async function login_for_access_token({ form_data }) {
      const user = users[form_data.username]
      if (!user || !verify_password(form_data.password, user.hashed_password))
        throw new HTTPException(400, 'Incorrect username or password')
      const exp = Math.floor(Date.now() / 1000) + 30 * 60
      const access_token = await sign(
        { sub: user.username, scope: form_data.scopes.join(' '), exp },
        SECRET_KEY,
      )
      return { access_token, token_type: 'bearer' }
    },
  )
  const { hashed_password: _h, ...publicUser } = users.johndoe!
  app.get(
    '/users/me/',
    { params: { current_user: Depends(get_current_active_user) }, response_model: User },
    async function read_users_me({ current_user }) {
      return current_user
    },
  )
  app.get(
    '/users/me/items/',
    { params: { current_user: Security(get_current_active_user, { scopes: ['items'] }) } },
    async function read_own_items({ current_user }) {
      return [{ item_id: 'Foo', owner: current_user.username }]
    },
  )
  app.get(
    '/status/',
    { params: { current_user: Depends(get_current_user) } },
    async function read_system_status() {
      return { status: 'ok' }
    },
  )
  const client = new TestClient(app)
  const tokenFor = async (scope?: string, username = 'johndoe', password = 'secret') =>
    (await client.post('/token', { data: { username, password, ...(scope ? { scope } : {}) } })).json()
      .access_token as string
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })

  it('test_login', async () => {
    const res = await client.post('/token', { data: { username: 'johndoe', password: 'secret' } })
    expect(res.status_code).toBe(200)
    expect(res.json().token_type).toBe('bearer')
    expect(typeof res.json().access_token).toBe('string')
  })
  it('test_login_incorrect_password / _username', async () => {
    for (const data of [
      { username: 'johndoe', password: 'incorrect' },
      { username: 'foo', password: 'secret' },
    ]) {
      const res = await client.post('/token', { data })
      expect([res.status_code, res.json()]).toEqual([400, { detail: 'Incorrect username or password' }])
    }
  })
  it('test_no_token / test_incorrect_token_type: the scheme answers before the scopes', async () => {
    for (const headers of [{}, { Authorization: 'Notexistent testtoken' }] as Record<string, string>[]) {
      const res = await client.get('/users/me', { headers })
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Not authenticated' },
        'Bearer',
      ])
    }
  })
  it('test_token (through the /users/me redirect)', async () => {
    const res = await client.get('/users/me', bearer(await tokenFor('me')))
    expect([res.status_code, res.json()]).toEqual([200, publicUser])
  })
  it('test_incorrect_token / test_token_no_sub / test_token_no_username / test_token_nonexistent_user', async () => {
    for (const token of [
      'nonexistent',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiZm9vIn0.9ynBhuYb4e6aW3oJr_K_TBgwcMTDpRToQIE25L57rOE',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw',
    ]) {
      const res = await client.get('/users/me', bearer(token))
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Could not validate credentials' },
        'Bearer scope="me"',
      ])
    }
  })
  it('test_token_no_scope: Not enough permissions with the required scopes in the challenge', async () => {
    const res = await client.get('/users/me', bearer(await tokenFor()))
    expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
      401,
      { detail: 'Not enough permissions' },
      'Bearer scope="me"',
    ])
  })
  it('test_token_inactive_user', async () => {
    const res = await client.get('/users/me', bearer(await tokenFor('me', 'alice', 'secretalice')))
    expect([res.status_code, res.json()]).toEqual([400, { detail: 'Inactive user' }])
  })
  it('test_read_items: scopes accumulate (items + me)', async () => {
    const ok = await client.get('/users/me/items/', bearer(await tokenFor('me items')))
    expect([ok.status_code, ok.json()]).toEqual([200, [{ item_id: 'Foo', owner: 'johndoe' }]])
    const onlyMe = await client.get('/users/me/items/', bearer(await tokenFor('me')))
    expect([onlyMe.status_code, onlyMe.headers.get('www-authenticate')]).toEqual([
      401,
      'Bearer scope="items me"',
    ])
  })
  it('test_read_system_status / _no_token', async () => {
    const res = await client.get('/status/', bearer(await tokenFor()))
    expect([res.status_code, res.json()]).toEqual([200, { status: 'ok' }])
    expect((await client.get('/status/')).status_code).toBe(401)
  })
  it('test_openapi_schema: scopes on the scheme and per operation', () => {
    const expected = upstreamOpenAPI('security', 'tutorial005')
    const doc = app.openapi() as Record<string, any>
    expect(doc.components.securitySchemes).toEqual(expected.components.securitySchemes)
    for (const path of ['/users/me/', '/users/me/items/', '/status/'])
      expect(doc.paths[path].get.security).toEqual(expected.paths[path].get.security)
  })
})

describe('security tutorial006: HTTP Basic (test_tutorial006.py)', () => {
  const security = new HTTPBasic()
  const app = new FastAPI()
  app.get(
    '/users/me',
    { params: { credentials: Depends(security) } },
    function read_current_user({ credentials }) {
      return { username: credentials.username, password: credentials.password }
    },
  )
  const client = new TestClient(app)

  it('test_security_http_basic', async () => {
    const res = await client.get('/users/me', { headers: basic('john', 'secret') })
    expect([res.status_code, res.json()]).toEqual([200, { username: 'john', password: 'secret' }])
  })
  it('test_security_http_basic_no_credentials / _invalid_credentials / _non_basic_credentials', async () => {
    for (const headers of [
      {},
      { Authorization: 'Basic notabase64token' },
      { Authorization: `Basic ${Buffer.from('johnsecret').toString('base64')}` },
      { Authorization: `Basic ${Buffer.from('jöhn:secret').toString('base64')}` },
      { Authorization: 'Basic' },
      { Authorization: 'Bearer abc' },
    ] as Record<string, string>[]) {
      const res = await client.get('/users/me', { headers })
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Not authenticated' },
        'Basic',
      ])
    }
  })
  it('test_openapi_schema', () => {
    const expected = upstreamOpenAPI('security', 'tutorial006')
    const doc = app.openapi() as Record<string, any>
    expect(doc.components.securitySchemes).toEqual(expected.components.securitySchemes)
    expect(doc.paths['/users/me'].get.security).toEqual(expected.paths['/users/me'].get.security)
  })
})

describe('security tutorial007: HTTP Basic with a constant-time check (test_tutorial007.py)', () => {
  const security = new HTTPBasic()
  const same = (a: string, b: string) => {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && timingSafeEqual(x, y)
  }
  const get_current_username = dependency({ credentials: Depends(security) }, ({ credentials }) => {
    const ok_user = same(credentials.username, 'stanleyjobson')
    const ok_password = same(credentials.password, 'swordfish')
    if (!(ok_user && ok_password))
      throw new HTTPException(401, 'Incorrect username or password', { 'WWW-Authenticate': 'Basic' })
    return credentials.username
  })
  const app = new FastAPI()
  app.get('/users/me', { params: { username: Depends(get_current_username) } }, ({ username }) => ({
    username,
  }))
  const client = new TestClient(app)

  it('test_security_http_basic', async () => {
    const res = await client.get('/users/me', { headers: basic('stanleyjobson', 'swordfish') })
    expect([res.status_code, res.json()]).toEqual([200, { username: 'stanleyjobson' }])
  })
  it('test_security_http_basic_invalid_username / _invalid_password', async () => {
    for (const [u, p] of [
      ['alice', 'swordfish'],
      ['stanleyjobson', 'wrongpassword'],
    ]) {
      const res = await client.get('/users/me', { headers: basic(u!, p!) })
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Incorrect username or password' },
        'Basic',
      ])
    }
  })
  it('test_security_http_basic_no_credentials', async () => {
    const res = await client.get('/users/me')
    expect([res.status_code, res.headers.get('www-authenticate')]).toEqual([401, 'Basic'])
  })
})
