import { describe, expect, it } from 'vitest'
import { App } from './app.js'

describe('request hooks', () => {
  it('runs before, handler, after and teardown in that order', async () => {
    const order: string[] = []
    const app = new App()
    app.beforeRequest(() => {
      order.push('before 1')
    })
    app.beforeRequest(() => {
      order.push('before 2')
    })
    app.afterRequest((_c, res) => {
      order.push(`after ${res.status}`)
    })
    app.teardownRequest((_c, error) => {
      order.push(`teardown ${error === undefined ? 'clean' : 'error'}`)
    })
    app.get('/', (c) => {
      order.push('handler')
      return c.text('ok')
    })
    await app.request('/')
    expect(order).toEqual(['before 1', 'before 2', 'handler', 'after 200', 'teardown clean'])
  })

  it('short-circuits on a response from a before hook, still running after and teardown', async () => {
    const order: string[] = []
    const app = new App()
    app.beforeRequest((c) => (c.req.header('x-block') ? new Response('blocked', { status: 403 }) : undefined))
    app.afterRequest(() => {
      order.push('after')
    })
    app.teardownRequest(() => {
      order.push('teardown')
    })
    app.get('/', (c) => {
      order.push('handler')
      return c.text('ok')
    })
    const res = await app.request('/', { headers: { 'x-block': '1' } })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe('blocked')
    expect(order).toEqual(['after', 'teardown'])
  })

  it('lets an after hook replace or decorate the response', async () => {
    const app = new App()
    app.afterRequest((_c, res) => {
      res.headers.set('x-after', '1')
    })
    app.afterRequest((_c, res) => new Response(`wrapped ${res.status}`, { status: 202 }))
    app.get('/', (c) => c.text('inner'))
    const res = await app.request('/')
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('wrapped 200')
  })

  it('runs teardown with the error when the handler throws, and after hooks see the 500', async () => {
    const seen: unknown[] = []
    const app = new App({ reportError: () => {} })
    app.afterRequest((_c, res) => {
      seen.push(res.status)
    })
    app.teardownRequest((_c, error) => {
      seen.push((error as Error).message)
    })
    app.get('/', () => {
      throw new Error('handler broke')
    })
    const res = await app.request('/')
    expect(res.status).toBe(500)
    expect(seen).toEqual([500, 'handler broke'])
  })

  it('keeps running teardowns when one of them throws', async () => {
    const ran: string[] = []
    const app = new App({ reportError: () => {} })
    app.teardownRequest(() => {
      throw new Error('bad teardown')
    })
    app.teardownRequest(() => {
      ran.push('second')
    })
    app.get('/', (c) => c.text('ok'))
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(ran).toEqual(['second'])
  })

  it('runs hooks on unmatched paths too, as Flask does', async () => {
    const seen: number[] = []
    const app = new App()
    app.afterRequest((_c, res) => {
      seen.push(res.status)
    })
    app.get('/a', (c) => c.text('a'))
    await app.request('/missing')
    await app.request('/a', { method: 'POST' })
    expect(seen).toEqual([404, 405])
  })

  it('scopes a mounted app hooks to its prefix, nesting inside the parent hooks', async () => {
    const order: string[] = []
    const child = new App()
    child.beforeRequest(() => {
      order.push('child before')
    })
    child.teardownRequest(() => {
      order.push('child teardown')
    })
    child.get('/x', (c) => c.text('x'))
    const app = new App()
    app.beforeRequest(() => {
      order.push('app before')
    })
    app.teardownRequest(() => {
      order.push('app teardown')
    })
    app.get('/y', (c) => c.text('y'))
    app.mount('/child', child)
    await app.request('/child/x')
    expect(order).toEqual(['app before', 'child before', 'child teardown', 'app teardown'])
    order.length = 0
    await app.request('/y')
    expect(order).toEqual(['app before', 'app teardown'])
  })
})

describe('startup and shutdown', () => {
  it('runs startup hooks and lifespans once, and shutdown in reverse', async () => {
    const events: string[] = []
    const app = new App()
    app.onStartup(() => {
      events.push('startup hook')
    })
    app.onShutdown(() => {
      events.push('shutdown hook')
    })
    app.lifespan(async function* () {
      events.push('lifespan 1 up')
      yield
      events.push('lifespan 1 down')
    })
    app.lifespan(async function* () {
      events.push('lifespan 2 up')
      yield
      events.push('lifespan 2 down')
    })
    await app.startup()
    await app.startup()
    await app.shutdown()
    expect(events).toEqual([
      'startup hook',
      'lifespan 1 up',
      'lifespan 2 up',
      'lifespan 2 down',
      'lifespan 1 down',
      'shutdown hook',
    ])
  })

  it('starts mounted apps after the parent and stops them before it', async () => {
    const events: string[] = []
    const child = new App()
    child.lifespan(async function* () {
      events.push('child up')
      yield
      events.push('child down')
    })
    const app = new App().mount('/c', child)
    app.lifespan(async function* () {
      events.push('app up')
      yield
      events.push('app down')
    })
    await app.startup()
    await app.shutdown()
    expect(events).toEqual(['app up', 'child up', 'child down', 'app down'])
  })

  it('still runs every shutdown step when one fails, then reports the failure', async () => {
    const events: string[] = []
    const app = new App()
    app.lifespan(async function* () {
      yield
      throw new Error('close failed')
    })
    app.onShutdown(() => {
      events.push('hook ran')
    })
    await app.startup()
    await expect(app.shutdown()).rejects.toThrow('close failed')
    expect(events).toEqual(['hook ran'])
  })
})
