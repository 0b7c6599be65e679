import * as v from 'valibot'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  APIRouter,
  Depends,
  dependency,
  FastAPI,
  HTTPException,
  Query,
  Security,
  StreamingResponse,
  TestClient,
} from '../index.js'

describe('Depends: sub-dependencies and per-request caching', () => {
  it('solves sub-dependencies first and calls a shared dependency once per request', async () => {
    const calls: string[] = []
    const get_db = () => {
      calls.push('db')
      return { name: 'db' }
    }
    const get_user = dependency({ db: Depends(get_db) }, ({ db }) => {
      calls.push('user')
      return { user: 'rick', db: db.name }
    })
    const app = new FastAPI()
    app.get('/', { params: { user: Depends(get_user), db: Depends(get_db) } }, ({ user, db }) => ({
      user,
      db,
    }))
    const res = await new TestClient(app).get('/')
    expect(res.json()).toEqual({ user: { user: 'rick', db: 'db' }, db: { name: 'db' } })
    expect(calls).toEqual(['db', 'user'])
    await new TestClient(app).get('/')
    expect(calls).toEqual(['db', 'user', 'db', 'user'])
  })

  it('use_cache: false calls the dependency again', async () => {
    let n = 0
    const counter = () => ++n
    const app = new FastAPI()
    app.get(
      '/',
      { params: { a: Depends(counter), b: Depends(counter, { use_cache: false }) } },
      ({ a, b }) => [a, b],
    )
    expect((await new TestClient(app).get('/')).json()).toEqual([1, 2])
  })

  it('a dependency whose own parameters fail is not called; errors of all parameters are reported', async () => {
    const called = vi.fn()
    const dep = dependency({ n: Query(v.number()) }, ({ n }) => {
      called()
      return n
    })
    const app = new FastAPI()
    app.get('/', { params: { n2: Depends(dep), q: Query(v.string()) } }, ({ n2, q }) => ({ n2, q }))
    const res = await new TestClient(app).get('/?n=abc')
    expect(res.status_code).toBe(422)
    expect(res.json().detail.map((d: { loc: unknown }) => d.loc)).toEqual([
      ['query', 'n'],
      ['query', 'q'],
    ])
    expect(called).not.toHaveBeenCalled()
  })

  it('a class is constructed with its declared parameters', async () => {
    class Pager {
      readonly skip: number
      readonly limit: number
      constructor(values: { skip: number; limit: number }) {
        this.skip = values.skip
        this.limit = values.limit
      }
      get end() {
        return this.skip + this.limit
      }
    }
    const PagerDep = dependency(
      { skip: Query(v.number(), { default: 0 }), limit: Query(v.number(), { default: 10 }) },
      Pager,
    )
    class Plain {
      readonly made = 'new'
    }
    const app = new FastAPI()
    app.get('/', { params: { page: Depends(PagerDep), plain: Depends(Plain) } }, ({ page, plain }) => {
      expectTypeOf(page).toEqualTypeOf<Pager>()
      expectTypeOf(plain).toEqualTypeOf<Plain>()
      return { end: page.end, isPager: page instanceof Pager, plain: plain.made }
    })
    expect((await new TestClient(app).get('/?skip=5')).json()).toEqual({
      end: 15,
      isPager: true,
      plain: 'new',
    })
  })
})

describe('dependencies with yield', () => {
  function tracker() {
    const events: string[] = []
    const gen = (name: string) =>
      async function* () {
        events.push(`${name}:enter`)
        try {
          yield name
        } catch (error) {
          events.push(`${name}:caught ${(error as Error).message}`)
          throw error
        } finally {
          events.push(`${name}:exit`)
        }
      }
    return { events, gen }
  }

  it('runs the code after yield after the handler, innermost first (reverse order)', async () => {
    const { events, gen } = tracker()
    const a = gen('a')
    const b = dependency({ a: Depends(a) }, async function* ({ a }) {
      events.push('b:enter')
      yield `${a}+b`
      events.push('b:exit')
    })
    const app = new FastAPI()
    app.get('/', { params: { b: Depends(b) } }, ({ b }) => {
      events.push('handler')
      return b
    })
    const res = await new TestClient(app).get('/')
    expect(res.json()).toBe('a+b')
    expect(events).toEqual(['a:enter', 'b:enter', 'handler', 'b:exit', 'a:exit'])
  })

  it('throws the handler error into each generator at its yield; a converted error is rendered', async () => {
    class OwnerError extends Error {}
    const { events, gen } = tracker()
    const outer = gen('outer')
    const get_username = dependency({ o: Depends(outer) }, function* () {
      try {
        yield 'Rick'
      } catch (error) {
        if (error instanceof OwnerError) throw new HTTPException(400, `Owner error: ${error.message}`)
        throw error
      }
    })
    const app = new FastAPI()
    app.get('/', { params: { username: Depends(get_username) } }, ({ username }) => {
      throw new OwnerError(username)
    })
    const res = await new TestClient(app).get('/')
    expect(res.status_code).toBe(400)
    expect(res.json()).toEqual({ detail: 'Owner error: Rick' })
    expect(events).toEqual(['outer:enter', 'outer:caught Owner error: Rick', 'outer:exit'])
  })

  it('a generator that swallows the error answers 500 instead of a success', async () => {
    const app = new FastAPI()
    const swallow = function* () {
      try {
        yield 1
      } catch {
        // swallowed on purpose
      }
    }
    app.get('/', { params: { x: Depends(swallow) } }, () => {
      throw new Error('boom')
    })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await new TestClient(app).get('/')
    spy.mockRestore()
    expect(res.status_code).toBe(500)
    expect(res.text).toBe('Internal Server Error')
  })

  it('request scope (default) keeps the resource open while a streaming body is sent; function scope closes it before', async () => {
    const session = function* () {
      const s = { open: true }
      yield s
      s.open = false
    }
    const app = new FastAPI()
    // The body is produced on a later tick, as a server sends it after the handler returned.
    const stream = (open: () => unknown) =>
      new StreamingResponse(
        (async function* () {
          await new Promise((resolve) => setTimeout(resolve, 1))
          yield JSON.stringify(open())
        })(),
      )
    app.get('/request', { params: { s: Depends(session) } }, ({ s }) => stream(() => ({ is_open: s.open })))
    app.get('/function', { params: { s: Depends(session, { scope: 'function' }) } }, ({ s }) =>
      stream(() => ({ is_open: s.open })),
    )
    app.get(
      '/both',
      { params: { f: Depends(session, { scope: 'function', use_cache: false }), r: Depends(session) } },
      ({ f, r }) => stream(() => ({ func_is_open: f.open, req_is_open: r.open })),
    )
    const client = new TestClient(app)
    expect((await client.get('/request')).json()).toEqual({ is_open: true })
    expect((await client.get('/function')).json()).toEqual({ is_open: false })
    expect((await client.get('/both')).json()).toEqual({ func_is_open: false, req_is_open: true })
  })

  it('an error after yield in function scope is the response; in request scope the response is already sent', async () => {
    const raise_after_yield = function* () {
      yield
      throw new HTTPException(503, 'Exception after yield')
    }
    const router = new APIRouter()
    router.get('/', () => ({ status: 'ok' }))
    const app = new FastAPI()
    app.include_router(router, {
      prefix: '/fn',
      dependencies: [Depends(raise_after_yield, { scope: 'function' })],
    })
    app.include_router(router, { prefix: '/req', dependencies: [Depends(raise_after_yield)] })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = new TestClient(app)
    const fn = await client.get('/fn/')
    expect([fn.status_code, fn.json()]).toEqual([503, { detail: 'Exception after yield' }])
    const req = await client.get('/req/')
    expect([req.status_code, req.json()]).toEqual([200, { status: 'ok' }])
    spy.mockRestore()
  })

  it('a request-scoped generator may not depend on a function-scoped one (registration error)', () => {
    const session = function* () {
      yield 1
    }
    const named = dependency({ s: Depends(session, { scope: 'function' }) }, function* get_named() {
      yield 2
    })
    const app = new FastAPI()
    expect(() => app.get('/broken', { params: { n: Depends(named) } }, () => 1)).toThrow(
      'The dependency "get_named" has a scope of "request", it cannot depend on dependencies with scope "function".',
    )
  })

  it('background tasks run after the response, before request-scoped cleanup', async () => {
    const events: string[] = []
    const get_db = async function* () {
      events.push('db:open')
      yield 'db'
      events.push('db:close')
    }
    const app = new FastAPI()
    app.post('/', { params: { db: Depends(get_db) } }, ({ db }, { background_tasks }) => {
      background_tasks.add_task((x: string) => void events.push(`task:${x}`), db)
      events.push('handler')
      return 'ok'
    })
    await new TestClient(app).post('/')
    expect(events).toEqual(['db:open', 'handler', 'task:db', 'db:close'])
  })
})

describe('dependencies on routes, routers and the app', () => {
  it('runs app, include_router, router and route dependencies in that order, before parameters', async () => {
    const order: string[] = []
    const mark = (name: string) => Object.defineProperty(() => void order.push(name), 'name', { value: name })
    const app = new FastAPI({ dependencies: [Depends(mark('app'))] })
    const router = new APIRouter({ dependencies: [Depends(mark('router'))] })
    router.get(
      '/x',
      { dependencies: [Depends(mark('route'))], params: { p: Depends(mark('param')) } },
      () => order,
    )
    app.include_router(router, { prefix: '/r', dependencies: [Depends(mark('include'))] })
    const res = await new TestClient(app).get('/r/x')
    expect(res.json()).toEqual(['app', 'include', 'router', 'route', 'param'])
  })

  it('dependency_overrides replaces a dependency (and its own parameters) for tests', async () => {
    const common = dependency({ q: Query(v.optional(v.string())) }, ({ q }) => ({ q, from: 'real' }))
    const app = new FastAPI()
    app.get('/', { params: { c: Depends(common) } }, ({ c }) => c)
    const client = new TestClient(app)
    expect((await client.get('/?q=a')).json()).toEqual({ q: 'a', from: 'real' })
    app.dependency_overrides.set(
      common,
      dependency({ n: Query(v.number(), { default: 1 }) }, ({ n }) => ({ n, from: 'override' })),
    )
    expect((await client.get('/?n=5')).json()).toEqual({ n: 5, from: 'override' })
    app.dependency_overrides.clear()
    expect((await client.get('/')).json()).toEqual({ from: 'real' })
  })
})

describe('Security scopes', () => {
  it('accumulates scopes down the chain into SecurityScopes, each once, with scope_str', async () => {
    const seen: string[] = []
    const get_token = dependency({}, (_v, { security_scopes }) => {
      seen.push(security_scopes.scope_str)
      return security_scopes.scopes
    })
    const get_user = dependency({ token: Security(get_token, { scopes: ['me'] }) }, ({ token }, ctx) => ({
      token,
      own: ctx.security_scopes.scopes,
    }))
    const app = new FastAPI()
    app.get('/', { params: { u: Security(get_user, { scopes: ['items', 'me'] }) } }, ({ u }) => u)
    const res = await new TestClient(app).get('/')
    expect(res.json()).toEqual({ token: ['items', 'me'], own: ['items', 'me'] })
    expect(seen).toEqual(['items me'])
  })

  it('caches a dependency separately for each set of scopes', async () => {
    let n = 0
    const dep = dependency({}, (_v, { security_scopes }) => `${++n}:${security_scopes.scope_str}`)
    const app = new FastAPI()
    app.get(
      '/',
      {
        params: {
          a: Security(dep, { scopes: ['a'] }),
          b: Security(dep, { scopes: ['b'] }),
          a2: Security(dep, { scopes: ['a'] }),
        },
      },
      ({ a, b, a2 }) => [a, b, a2],
    )
    expect((await new TestClient(app).get('/')).json()).toEqual(['1:a', '2:b', '1:a'])
  })
})

describe('analyse once, solve per request', () => {
  it('reads no function source and analyses no declaration while serving requests', async () => {
    class Thing {
      readonly ok = true
    }
    const dep = dependency({ q: Query(v.optional(v.string())) }, ({ q }) => q ?? 'none')
    const app = new FastAPI()
    app.get('/', { params: { d: Depends(dep), t: Depends(Thing) } }, ({ d, t }) => ({ d, ok: t.ok }))
    const client = new TestClient(app)
    await client.get('/')
    const sourceReads = vi.spyOn(Function.prototype, 'toString')
    const res = await client.get('/?q=x')
    expect(sourceReads).not.toHaveBeenCalled()
    sourceReads.mockRestore()
    expect(res.json()).toEqual({ d: 'x', ok: true })
  })
})
