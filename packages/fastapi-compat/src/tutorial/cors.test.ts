import { describe, expect, it } from 'vitest'
import { CORSMiddleware, FastAPI, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/cors/tutorial001_py310.py and
// tests/test_tutorial/test_cors/test_tutorial001.py.

describe('cors tutorial001 (test_tutorial001.py)', () => {
  const origins = [
    'http://localhost.tiangolo.com',
    'https://localhost.tiangolo.com',
    'http://localhost',
    'http://localhost:8080',
  ]
  const app = new FastAPI()
  app.add_middleware(CORSMiddleware, {
    allow_origins: origins,
    allow_credentials: true,
    allow_methods: ['*'],
    allow_headers: ['*'],
  })
  app.get('/', async function main() {
    return { message: 'Hello World' }
  })
  const client = new TestClient(app)

  it('test_cors: preflight', async () => {
    const res = await client.options('/', {
      headers: {
        Origin: 'https://localhost.tiangolo.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example',
      },
    })
    expect(res.status_code).toBe(200)
    expect(res.text).toBe('OK')
    expect(res.headers.get('access-control-allow-origin')).toBe('https://localhost.tiangolo.com')
    expect(res.headers.get('access-control-allow-headers')).toBe('X-Example')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-methods')).toBe(
      'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
    )
  })

  it('test_cors: standard response', async () => {
    const res = await client.get('/', { headers: { Origin: 'https://localhost.tiangolo.com' } })
    expect([res.status_code, res.json()]).toEqual([200, { message: 'Hello World' }])
    expect(res.headers.get('access-control-allow-origin')).toBe('https://localhost.tiangolo.com')
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('test_cors: non-CORS response', async () => {
    const res = await client.get('/')
    expect([res.status_code, res.json()]).toEqual([200, { message: 'Hello World' }])
    expect(res.headers.has('access-control-allow-origin')).toBe(false)
  })

  it('an origin that is not listed gets no CORS headers, and its preflight a 400', async () => {
    const simple = await client.get('/', { headers: { Origin: 'https://evil.example' } })
    expect(simple.headers.has('access-control-allow-origin')).toBe(false)
    const pre = await client.options('/', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect([pre.status_code, pre.text]).toEqual([400, 'Disallowed CORS origin'])
  })
})
