import { describe, expect, it } from 'vitest'
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  Depends,
  FastAPI,
  HTTPBearer,
  HTTPDigest,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
  OpenIdConnect,
  type SecurityDependency,
  TestClient,
} from '../index.js'

// Current FastAPI (fastapi/security/*.py): missing or malformed credentials answer 401 "Not
// authenticated" with the scheme's WWW-Authenticate challenge; auto_error: false gives undefined.
// Debian's FastAPI 0.92 answered 403 without a challenge for HTTPBearer, HTTPDigest and API keys.

function serve<T>(scheme: SecurityDependency<T>) {
  const app = new FastAPI()
  app.get('/', { params: { cred: Depends(scheme) } }, ({ cred }) => ({ cred: cred ?? null }))
  return { app, client: new TestClient(app) }
}

describe('API keys', () => {
  it('APIKeyHeader / Query / Cookie read their key and answer 401 with WWW-Authenticate: APIKey', async () => {
    const cases: Array<[SecurityDependency<string>, Record<string, unknown>]> = [
      [new APIKeyHeader({ name: 'key' }), { headers: { key: 'secret' } }],
      [new APIKeyQuery({ name: 'key' }), { params: { key: 'secret' } }],
      [new APIKeyCookie({ name: 'key' }), { cookies: { key: 'secret' } }],
    ]
    for (const [scheme, options] of cases) {
      const { client } = serve(scheme)
      expect((await client.get('/', options)).json()).toEqual({ cred: 'secret' })
      const res = await client.get('/')
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Not authenticated' },
        'APIKey',
      ])
    }
  })

  it('an empty key counts as missing; auto_error: false resolves to undefined', async () => {
    expect(
      (await serve(new APIKeyHeader({ name: 'key' })).client.get('/', { headers: { key: '' } })).status_code,
    ).toBe(401)
    const { client } = serve(new APIKeyQuery({ name: 'key', auto_error: false }))
    expect((await client.get('/')).json()).toEqual({ cred: null })
    expect((await client.get('/?key=a&key=b')).json()).toEqual({ cred: 'b' })
  })

  it('documents an apiKey security scheme', () => {
    const { app } = serve(new APIKeyCookie({ name: 'session', description: 'The session cookie' }))
    const doc = app.openapi() as Record<string, any>
    expect(doc.components.securitySchemes).toEqual({
      APIKeyCookie: { type: 'apiKey', in: 'cookie', name: 'session', description: 'The session cookie' },
    })
    expect(doc.paths['/'].get.security).toEqual([{ APIKeyCookie: [] }])
  })
})

describe('HTTP schemes', () => {
  it('HTTPBearer gives scheme and credentials; a missing header or another scheme is 401 Bearer', async () => {
    const { client, app } = serve(new HTTPBearer({ bearerFormat: 'JWT' }))
    expect((await client.get('/', { headers: { Authorization: 'Bearer abc' } })).json()).toEqual({
      cred: { scheme: 'Bearer', credentials: 'abc' },
    })
    for (const headers of [
      {},
      { Authorization: 'Basic abc' },
      { Authorization: 'Bearer' },
      { Authorization: 'Bearer   ' },
    ] as Record<string, string>[]) {
      const res = await client.get('/', { headers })
      expect([res.status_code, res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        { detail: 'Not authenticated' },
        'Bearer',
      ])
    }
    expect((app.openapi() as Record<string, any>).components.securitySchemes).toEqual({
      HTTPBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    })
  })

  it('HTTPBearer with auto_error: false resolves to undefined for a missing or wrong scheme', async () => {
    const { client } = serve(new HTTPBearer({ auto_error: false }))
    expect((await client.get('/')).json()).toEqual({ cred: null })
    expect((await client.get('/', { headers: { Authorization: 'Basic abc' } })).json()).toEqual({
      cred: null,
    })
  })

  it('HTTPDigest answers 401 Digest', async () => {
    const { client } = serve(new HTTPDigest())
    expect((await client.get('/', { headers: { Authorization: 'Digest abc' } })).json()).toEqual({
      cred: { scheme: 'Digest', credentials: 'abc' },
    })
    const res = await client.get('/', { headers: { Authorization: 'Other abc' } })
    expect([res.status_code, res.headers.get('www-authenticate')]).toEqual([401, 'Digest'])
  })
})

describe('OAuth2 and OpenID Connect', () => {
  it('OAuth2AuthorizationCodeBearer reads the bearer token and documents both URLs and scopes', async () => {
    const scheme = new OAuth2AuthorizationCodeBearer({
      authorizationUrl: 'authorize',
      tokenUrl: 'token',
      scopes: { read: 'Read things' },
    })
    const { client, app } = serve(scheme)
    expect((await client.get('/', { headers: { Authorization: 'bearer xyz' } })).json()).toEqual({
      cred: 'xyz',
    })
    const res = await client.get('/')
    expect([res.status_code, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer'])
    expect((app.openapi() as Record<string, any>).components.securitySchemes).toEqual({
      OAuth2AuthorizationCodeBearer: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            scopes: { read: 'Read things' },
            authorizationUrl: 'authorize',
            tokenUrl: 'token',
          },
        },
      },
    })
  })

  it('OAuth2PasswordBearer with auto_error: false lets a route serve anonymous users', async () => {
    const { client } = serve(new OAuth2PasswordBearer({ tokenUrl: 'token', auto_error: false }))
    expect((await client.get('/')).json()).toEqual({ cred: null })
    expect((await client.get('/', { headers: { Authorization: 'Bearer t' } })).json()).toEqual({ cred: 't' })
  })

  it('OpenIdConnect passes the whole header and answers 401 Bearer without one', async () => {
    const { client } = serve(new OpenIdConnect({ openIdConnectUrl: '/.well-known/openid-configuration' }))
    expect((await client.get('/', { headers: { Authorization: 'Bearer t' } })).json()).toEqual({
      cred: 'Bearer t',
    })
    expect((await client.get('/')).status_code).toBe(401)
  })
})

describe('OAuth2PasswordRequestForm', () => {
  const app = new FastAPI()
  app.post('/token', { params: { form: Depends(OAuth2PasswordRequestForm) } }, ({ form }) => form)
  app.post('/strict', { params: { form: Depends(OAuth2PasswordRequestFormStrict) } }, ({ form }) => form)
  const client = new TestClient(app)

  it('splits scope on whitespace and keeps the optional fields', async () => {
    const res = await client.post('/token', {
      data: { username: 'u', password: 'p', scope: 'me  items', client_id: 'c' },
    })
    expect(res.json()).toEqual({ username: 'u', password: 'p', scopes: ['me', 'items'], client_id: 'c' })
  })

  it('grant_type must be "password" when given, and is required by the strict form', async () => {
    const bad = await client.post('/token', { data: { username: 'u', password: 'p', grant_type: 'other' } })
    expect(bad.status_code).toBe(422)
    expect(bad.json().detail[0]).toMatchObject({
      type: 'string_pattern_mismatch',
      loc: ['body', 'grant_type'],
    })
    const strict = await client.post('/strict', { data: { username: 'u', password: 'p' } })
    expect(strict.json().detail).toEqual([
      { type: 'missing', loc: ['body', 'grant_type'], msg: 'Field required', input: null },
    ])
    expect(
      (await client.post('/strict', { data: { username: 'u', password: 'p', grant_type: 'password' } }))
        .status_code,
    ).toBe(200)
  })

  it('a JSON body is not a login form: every field is missing', async () => {
    const res = await client.post('/token', { json: { username: 'u', password: 'p' } })
    expect(res.status_code).toBe(422)
    expect(res.json().detail.map((d: { loc: string[] }) => d.loc)).toEqual([
      ['body', 'username'],
      ['body', 'password'],
    ])
  })

  it('too many form fields is a 400, not a crash', async () => {
    const fields = new URLSearchParams({ username: 'u', password: 'p' })
    for (let i = 0; i < 5000; i++) fields.append(`f${i}`, 'x')
    const res = await client.post('/token', {
      content: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    // Starlette's form parser answers 400 past max_fields (1000).
    expect([res.status_code, res.json()]).toEqual([
      400,
      { detail: 'Too many fields. Maximum number of fields is 1000.' },
    ])
  })

  it('a huge Authorization header is answered, not echoed', async () => {
    const { client: c } = serve(new HTTPBearer())
    const res = await c.get('/', { headers: { Authorization: `Basic ${'A'.repeat(100_000)}` } })
    expect(res.status_code).toBe(401)
    expect(res.text.length).toBeLessThan(100)
  })
})
