import { gunzipSync } from 'node:zlib'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Depends, FastAPI, GZipMiddleware, PlainTextResponse } from '../index.js'

// The request path skips work a route does not need; these pin that the answers stay the same.

describe('the request fast path', () => {
  it('a synchronous route without middleware answers without a promise', () => {
    const app = new FastAPI()
    app.get('/users/{id}', { params: { id: v.number() } }, ({ id }) => ({ id }))
    const res = app.fetch(new Request('http://localhost/users/7'))
    expect(res).toBeInstanceOf(Response)
  })

  it('built-in response classes keep their status, content type and merged headers', async () => {
    const app = new FastAPI()
    app.get('/text', { response_class: PlainTextResponse, status_code: 202 }, (_, { response }) => {
      response.headers.set('x-extra', '1')
      return 'hi'
    })
    app.get('/json', () => ({ a: [1, 2] }))
    const text = await app.fetch(new Request('http://localhost/text'))
    expect(text.status).toBe(202)
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(text.headers.get('x-extra')).toBe('1')
    expect(await text.text()).toBe('hi')
    const json = await app.fetch(new Request('http://localhost/json'))
    expect(json.headers.get('content-type')).toBe('application/json')
    expect(await json.json()).toEqual({ a: [1, 2] })
  })

  it('middleware added after the routes still wraps routes, 404s and OPTIONS answers', async () => {
    const app = new FastAPI()
    app.get('/', () => 'home')
    const seen: string[] = []
    app.middleware('http', async (request, call_next) => {
      const res = await call_next(request)
      seen.push(`${request.method} ${new URL(request.url).pathname} ${res.status}`)
      res.headers.set('x-mw', 'yes')
      return res
    })
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/missing'],
      ['OPTIONS', '/'],
    ] as const) {
      const res = await app.fetch(new Request(`http://localhost${path}`, { method }))
      expect(res.headers.get('x-mw')).toBe('yes')
    }
    expect(seen).toEqual(['GET / 200', 'GET /missing 404', 'OPTIONS / 204'])
  })

  it('GZip still compresses a buffered answer the layer built', async () => {
    const app = new FastAPI()
    app.get('/big', { response_class: PlainTextResponse }, () => 'x'.repeat(2000))
    app.add_middleware(GZipMiddleware, { minimum_size: 500 })
    const res = await app.fetch(
      new Request('http://localhost/big', { headers: { 'accept-encoding': 'gzip' } }),
    )
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe('x'.repeat(2000))
  })

  it('background tasks and generator cleanup still run after a synchronous route', async () => {
    const app = new FastAPI()
    const log: string[] = []
    function* resource() {
      log.push('open')
      yield 1
      log.push('close')
    }
    app.get('/', { params: { r: Depends(resource) } }, ({ r }, { background_tasks }) => {
      background_tasks.add_task(() => log.push('task'))
      return { r }
    })
    const res = await app.fetch(new Request('http://localhost/'))
    expect(await res.json()).toEqual({ r: 1 })
    await Promise.all(app.pendingBackground)
    expect(log).toEqual(['open', 'task', 'close'])
  })
})
