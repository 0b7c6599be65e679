import { AsyncLocalStorage } from 'node:async_hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { copy_current_request_context, g, request } from '../ctx.js'
import { Flask } from './flask.js'
import { render_template_string } from './helpers.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Plain views see the request through a slot set while they run; async ones through
// AsyncLocalStorage. These tests pin down what a user sees either way.
describe('request context for plain and async views', () => {
  afterEach(() => vi.restoreAllMocks())

  it('answers plain views without entering AsyncLocalStorage', async () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run')
    const app = new Flask('t')
    app.get('/plain', () => ({ path: request.path, q: request.args.get('q') }))
    const res = await app.test_client().get('/plain?q=1')
    expect(res.json).toEqual({ path: '/plain', q: '1' })
    expect(run).not.toHaveBeenCalled()
  })

  it('keeps the request across the awaits of async views, hooks and error handlers', async () => {
    const app = new Flask('t')
    app.before_request(async () => {
      await pause(1)
      g.seen = [`before ${request.args.get('id')}`]
    })
    app.get('/a', async () => {
      await pause(Math.random() * 3)
      ;(g.seen as string[]).push(`view ${request.args.get('id')}`)
      if (request.args.get('id') === 'boom') throw new Error('x')
      return { id: request.args.get('id'), seen: g.seen }
    })
    app.errorhandler(500)(async () => {
      await pause(1)
      return [{ failed: request.args.get('id') }, 500]
    })
    app.after_request(async (res) => {
      await pause(1)
      res.headers.set('x-id', String(request.args.get('id')))
      return res
    })
    const client = app.test_client()
    const ids = Array.from({ length: 60 }, (_, i) => String(i))
    const answers = await Promise.all(ids.map((id) => client.get(`/a?id=${id}`)))
    answers.forEach((res, i) => {
      expect(res.json).toEqual({ id: ids[i], seen: [`before ${ids[i]}`, `view ${ids[i]}`] })
      expect(res.headers.get('x-id')).toBe(ids[i])
    })
    const failed = await client.get('/a?id=boom')
    expect(failed.status_code).toBe(500)
    expect(failed.json).toEqual({ failed: 'boom' })
  })

  it('isolates interleaved plain and async requests', async () => {
    const app = new Flask('t')
    app.get('/plain', () => ({ id: request.args.get('id') }))
    app.get('/async', async () => {
      const before = request.args.get('id')
      await pause(Math.random() * 3)
      return { id: before, after: request.args.get('id') }
    })
    const client = app.test_client()
    const ids = Array.from({ length: 100 }, (_, i) => String(i))
    const answers = await Promise.all(
      ids.map((id, i) => client.get(i % 2 ? `/plain?id=${id}` : `/async?id=${id}`)),
    )
    answers.forEach((res, i) => {
      const id = ids[i]
      expect(res.json).toEqual(i % 2 ? { id } : { id, after: id })
    })
  })

  it('renders templates that read the request from a plain view', async () => {
    const app = new Flask('t')
    app.get('/t', () => render_template_string('<%= request.args.get("name") %> at <%= request.path %>'))
    expect((await app.test_client().get('/t?name=Ada')).text).toBe('Ada at /t')
  })

  it('says how to fix a plain view whose callback reads the request after it returned', async () => {
    const app = new Flask('t')
    app.get('/late', () => pause(1).then(() => request.path))
    const res = await app.test_client().get('/late')
    expect(res.status_code).toBe(500)
    let message = ''
    try {
      request.path
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/declare the view \(and any function wrapping it\) async/)
  })

  it('binds a callback to the request with copy_current_request_context', async () => {
    const app = new Flask('t')
    app.get('/later', () => {
      const read = copy_current_request_context(() => request.args.get('v'))
      return pause(1).then(read)
    })
    expect((await app.test_client().get('/later?v=7')).text).toBe('7')
  })
})
