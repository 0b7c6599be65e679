import { App } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { assets, bindings, waitUntil, worker } from './index.js'

const ctx = () => {
  const pending: Promise<unknown>[] = []
  return {
    pending,
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    passThroughOnException() {},
    props: {},
  }
}

describe('the workers adapter', () => {
  it('gives handlers the env bindings workerd passes', async () => {
    const app = new App().get('/', (c) => c.text(bindings<{ NAME: string }>(c).NAME))
    const res = await app.fetch(new Request('http://w/'), { NAME: 'bound' }, ctx())
    expect(await res.text()).toBe('bound')
  })

  it('hands background work to ctx.waitUntil, and still runs it without a ctx', async () => {
    const done: string[] = []
    const app = new App().post('/', (c) => {
      waitUntil(
        c,
        Promise.resolve().then(() => done.push(c.req.query('n') ?? '')),
      )
      return c.body(null, 202)
    })
    const execution = ctx()
    await app.fetch(new Request('http://w/?n=ctx', { method: 'POST' }), {}, execution)
    expect(execution.pending).toHaveLength(1)
    await Promise.all(execution.pending)
    await app.request('/?n=bare', { method: 'POST' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(done).toEqual(['ctx', 'bare'])
  })

  it('serves from the assets binding first and falls through on a miss', async () => {
    const ASSETS = {
      fetch: async (r: Request) =>
        new URL(r.url).pathname === '/logo.svg'
          ? new Response('<svg/>')
          : new Response(null, { status: 404 }),
    }
    const app = new App().use(assets()).get('/api', (c) => c.text('api'))
    expect(await (await app.fetch(new Request('http://w/logo.svg'), { ASSETS }, ctx())).text()).toBe('<svg/>')
    expect(await (await app.fetch(new Request('http://w/api'), { ASSETS }, ctx())).text()).toBe('api')
  })

  it('worker(app) runs the startup hooks once, before the first request', async () => {
    let startups = 0
    const app = new App().onStartup(() => void startups++).get('/', (c) => c.text(String(startups)))
    const module = worker(app)
    const answers = await Promise.all([1, 2, 3].map(() => module.fetch(new Request('http://w/'), {}, ctx())))
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(['1', '1', '1'])
  })
})
