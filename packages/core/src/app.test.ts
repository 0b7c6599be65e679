import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { secureHeaders } from 'hono/secure-headers'
import { describe, expect, it, vi } from 'vitest'
import { App } from './app.js'
import { HTTPException } from './http-exception.js'
import { currentRoute } from './route.js'

describe('routing', () => {
  it('answers a matched route with its handler and typed params', async () => {
    const app = new App().get('/users/:id', (c) => c.json({ id: c.req.param('id') }))
    const res = await app.request('/users/42')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: '42' })
  })

  it('answers 404 for an unknown path', async () => {
    const res = await new App().get('/a', (c) => c.text('a')).request('/b')
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('Not Found')
  })

  it('answers 405 with an Allow header listing every method of the path', async () => {
    const app = new App()
    app.get('/items', (c) => c.text('list'))
    app.post('/items', (c) => c.text('made', 201))
    const res = await app.request('/items', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST')
  })

  it('answers HEAD from the GET route with its headers and no body', async () => {
    const app = new App().get('/page', (c) => c.text('hello', 200, { 'x-page': '1' }))
    const res = await app.request('/page', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-page')).toBe('1')
    expect(res.headers.get('content-type')).toMatch(/text\/plain/)
    expect(await res.text()).toBe('')
  })

  it('answers HEAD with 405 where the path has no GET', async () => {
    const app = new App().post('/only-post', (c) => c.text('x'))
    const res = await app.request('/only-post', { method: 'HEAD' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('OPTIONS, POST')
  })

  it('answers OPTIONS automatically with 204 and Allow', async () => {
    const app = new App().put('/doc/:id', (c) => c.text('ok'))
    const res = await app.request('/doc/1', { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('allow')).toBe('OPTIONS, PUT')
  })

  it('lets an explicit OPTIONS route answer instead', async () => {
    const app = new App().options('/x', (c) => c.text('mine', 200))
    expect(await (await app.request('/x', { method: 'OPTIONS' })).text()).toBe('mine')
  })

  it('lists routes with methods, full paths, names and metadata', () => {
    const app = new App()
    app.add({
      method: ['GET', 'POST'],
      path: '/things',
      handler: (c) => c.text('t'),
      name: 'things',
      meta: { tag: 1 },
    })
    const sub = new App().get('/leaf', function leaf(c) {
      return c.text('leaf')
    })
    app.mount('/sub', sub)
    expect(app.routes.map((r) => [r.methods.join(','), r.path, r.name, r.meta])).toEqual([
      ['GET,POST', '/things', 'things', { tag: 1 }],
      ['GET', '/sub/leaf', 'leaf', {}],
    ])
  })

  it('tells middleware which route will handle the request', async () => {
    const app = new App()
    const seen: Array<string | undefined> = []
    app.use(async (c, next) => {
      seen.push(currentRoute(c)?.name)
      await next()
    })
    app.add({ method: 'GET', path: '/named', name: 'the-endpoint', handler: (c) => c.text('ok') })
    await app.request('/named')
    await app.request('/unknown')
    expect(seen).toEqual(['the-endpoint', undefined])
  })

  it('picks up routes added after the first request', async () => {
    const app = new App().get('/a', (c) => c.text('a'))
    expect((await app.request('/b')).status).toBe(404)
    app.get('/b', (c) => c.text('b'))
    expect(await (await app.request('/b')).text()).toBe('b')
  })
})

describe('Hono middleware works unchanged', () => {
  it('hono/cors answers a preflight and decorates simple requests', async () => {
    const app = new App().use(cors({ origin: 'https://a.example' })).post('/api', (c) => c.json({ ok: true }))
    const preflight = await app.request('/api', {
      method: 'OPTIONS',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://a.example')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    const simple = await app.request('/api', { method: 'POST', headers: { origin: 'https://a.example' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://a.example')
  })

  it('hono/etag adds an ETag and answers If-None-Match with 304', async () => {
    const app = new App().use(etag()).get('/doc', (c) => c.text('same body'))
    const first = await app.request('/doc')
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^"/)
    const second = await app.request('/doc', { headers: { 'if-none-match': tag! } })
    expect(second.status).toBe(304)
    expect(await second.text()).toBe('')
  })

  it('hono/secure-headers sets its headers', async () => {
    const app = new App().use(secureHeaders()).get('/', (c) => c.text('hi'))
    const res = await app.request('/')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('runs path-scoped middleware only under its pattern, in registration order', async () => {
    const order: string[] = []
    const app = new App()
    app.use(async (_c, next) => {
      order.push('global')
      await next()
    })
    app.use('/admin/*', async (_c, next) => {
      order.push('admin')
      await next()
    })
    app.get('/admin/panel', (c) => c.text('p'))
    app.get('/public', (c) => c.text('p'))
    await app.request('/admin/panel')
    await app.request('/public')
    expect(order).toEqual(['global', 'admin', 'global'])
  })
})

describe('mounting', () => {
  it('serves a sub-app under a prefix with its own middleware, errors and 404', async () => {
    const api = new App()
    api.use(async (c, next) => {
      await next()
      c.res.headers.set('x-api', 'yes')
    })
    api.get('/items', (c) => c.json([1, 2]))
    api.get('/fail', () => {
      throw new Error('api failure')
    })
    api.onError((err, c) => c.json({ api_error: err.message }, 500))
    api.notFound((c) => c.json({ api: 'not found' }, 404))
    const app = new App().get('/', (c) => c.text('home')).mount('/api', api)

    const items = await app.request('/api/items')
    expect(await items.json()).toEqual([1, 2])
    expect(items.headers.get('x-api')).toBe('yes')
    const missing = await app.request('/api/nothing')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ api: 'not found' })
    const fail = await app.request('/api/fail')
    expect(fail.status).toBe(500)
    expect(await fail.json()).toEqual({ api_error: 'api failure' })
    const outside = await app.request('/elsewhere')
    expect(await outside.text()).toBe('Not Found')
    expect((await app.request('/')).headers.get('x-api')).toBeNull()
  })

  it('nests mounts and applies every level of middleware in order', async () => {
    const order: string[] = []
    const mark = (name: string) => async (_c: unknown, next: () => Promise<void>) => {
      order.push(name)
      await next()
    }
    const leaf = new App().use(mark('leaf')).get('/x/:id', (c) => c.text(`leaf ${c.req.param('id')}`))
    const mid = new App().use(mark('mid')).mount('/leaf', leaf)
    const root = new App().use(mark('root')).mount('/mid', mid)
    const res = await root.request('/mid/leaf/x/7')
    expect(await res.text()).toBe('leaf 7')
    expect(order).toEqual(['root', 'mid', 'leaf'])
    expect(root.routes.map((r) => r.path)).toEqual(['/mid/leaf/x/:id'])
  })

  it('answers 405 for a mounted route with the wrong method', async () => {
    const api = new App().post('/submit', (c) => c.text('ok'))
    const res = await new App().mount('/api', api).request('/api/submit')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('OPTIONS, POST')
  })

  it('sees routes added to a sub-app after it was mounted', async () => {
    const api = new App()
    const app = new App().mount('/api', api)
    expect((await app.request('/api/late')).status).toBe(404)
    api.get('/late', (c) => c.text('late'))
    expect(await (await app.request('/api/late')).text()).toBe('late')
  })

  it('merges a Hono app and serves any other fetch handler with the prefix removed', async () => {
    const hono = new Hono().get('/h', (c) => c.text('from hono'))
    const foreign = { fetch: (req: Request) => new Response(`path ${new URL(req.url).pathname}`) }
    const app = new App().mount('/hono', hono).mount('/ext', foreign)
    expect(await (await app.request('/hono/h')).text()).toBe('from hono')
    expect(await (await app.request('/ext/deep/path')).text()).toBe('path /deep/path')
  })

  it('refuses to mount an app inside itself', () => {
    const a = new App()
    const b = new App().mount('/a', a)
    expect(() => a.mount('/b', b)).toThrow(/inside itself/)
  })
})

describe('errors', () => {
  it('renders HTTPException with its status, headers and detail', async () => {
    const app = new App().get('/', () => {
      throw new HTTPException(418, 'short and stout', { 'x-teapot': 'yes' })
    })
    const res = await app.request('/')
    expect(res.status).toBe(418)
    expect(res.headers.get('x-teapot')).toBe('yes')
    expect(await res.text()).toBe('short and stout')
  })

  it('renders an object detail as JSON', async () => {
    const app = new App().get('/', () => {
      throw new HTTPException(409, { reason: 'conflict' })
    })
    const res = await app.request('/')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({ reason: 'conflict' })
  })

  it('answers 500 without the stack and reports the error once', async () => {
    const reportError = vi.fn()
    const app = new App({ reportError }).get('/', () => {
      throw new Error('database password is hunter2')
    })
    const res = await app.request('/')
    expect(res.status).toBe(500)
    const body = await res.text()
    expect(body).toBe('Internal Server Error')
    expect(body).not.toContain('hunter2')
    expect(reportError).toHaveBeenCalledTimes(1)
  })

  it('answers Hono HTTPException thrown by Hono middleware', async () => {
    const { bearerAuth } = await import('hono/bearer-auth')
    const app = new App().use('/secret', bearerAuth({ token: 't0ken' })).get('/secret', (c) => c.text('s'))
    expect((await app.request('/secret')).status).toBe(401)
    expect((await app.request('/secret', { headers: { authorization: 'Bearer t0ken' } })).status).toBe(200)
  })
})
