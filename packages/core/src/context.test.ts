import { describe, expect, it } from 'vitest'
import { App } from './app.js'
import {
  createRequestContext,
  getContext,
  runSyncWithContext,
  runWithContext,
  tryGetContext,
} from './context.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('request context', () => {
  it('throws outside a request, saying how to get one', () => {
    expect(() => getContext()).toThrow(/Working outside of request context/)
    expect(tryGetContext()).toBeUndefined()
  })

  it('isolates hundreds of interleaved requests across awaits', async () => {
    const app = new App({ context: true })
    app.use(async (_c, next) => {
      getContext().state.id = getContext().c.req.query('id')
      await pause(Math.random() * 5)
      await next()
    })
    app.get('/echo', async (c) => {
      const before = getContext().state.id
      await pause(Math.random() * 5)
      await Promise.resolve()
      const after = getContext().state.id
      return c.json({ query: c.req.query('id'), before, after })
    })
    const ids = Array.from({ length: 400 }, (_, i) => String(i))
    const bodies = await Promise.all(ids.map(async (id) => (await app.request(`/echo?id=${id}`)).json()))
    const mismatches = bodies.filter(
      (b, i) => b.query !== ids[i] || b.before !== ids[i] || b.after !== ids[i],
    )
    expect(mismatches).toEqual([])
  })

  it('is visible in hooks and handlers alike', async () => {
    const app = new App({ context: true })
    const seen: unknown[] = []
    app.beforeRequest(() => {
      getContext().state.user = 'ada'
    })
    app.teardownRequest(() => {
      seen.push(getContext().state.user)
    })
    app.get('/', (c) => c.text(String(getContext().state.user)))
    expect(await (await app.request('/')).text()).toBe('ada')
    expect(seen).toEqual(['ada'])
  })

  it('can be entered explicitly with runWithContext', async () => {
    const app = new App()
    app.get('/', (c) => runWithContext(createRequestContext(c), () => c.text(getContext().c.req.path)))
    expect(await (await app.request('/')).text()).toBe('/')
  })
})

describe('runSyncWithContext', () => {
  const store = (id: string) => ({ c: {} as never, state: { id } })

  it('is the current context while fn runs, and not in what fn schedules', async () => {
    let during: unknown
    let after: unknown = 'unset'
    const done = runSyncWithContext(store('a'), async () => {
      during = tryGetContext()?.state.id
      await Promise.resolve()
      after = tryGetContext()?.state.id
    })
    expect(tryGetContext()).toBeUndefined()
    await done
    expect(during).toBe('a')
    expect(after).toBeUndefined()
  })

  it('nests with runWithContext both ways and restores the outer context', async () => {
    const seen: unknown[] = []
    await runWithContext(store('outer'), async () => {
      runSyncWithContext(store('inner'), () => {
        seen.push(tryGetContext()?.state.id)
        runWithContext(store('deep'), () => seen.push(getContext().state.id))
        seen.push(tryGetContext()?.state.id)
      })
      seen.push(tryGetContext()?.state.id)
      await Promise.resolve()
      seen.push(tryGetContext()?.state.id)
    })
    expect(seen).toEqual(['inner', 'deep', 'inner', 'outer', 'outer'])
  })

  it('restores the outer context when fn throws', () => {
    expect(() =>
      runSyncWithContext(store('x'), () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(tryGetContext()).toBeUndefined()
  })
})
