import { describe, expect, it } from 'vitest'
import { abort, Flask, g, jsonify, redirect, request, session, url_for } from '../index.js'

describe('Flask app basics', () => {
  it('answers a string view as text/html with the werkzeug 404 page for unknown paths', async () => {
    const app = new Flask('t')
    app.get('/', () => 'Hello')
    const client = app.test_client()
    const res = await client.get('/')
    expect(res.status_code).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.text).toBe('Hello')
    const missing = await client.get('/nope')
    expect(missing.status).toBe('404 NOT FOUND')
    expect(missing.text).toContain('<title>404 Not Found</title>')
  })

  it('types and converts view args and prefers int over string rules', async () => {
    const app = new Flask('t')
    app.get('/u/<name>', ({ name }) => `name ${name}`)
    app.get('/u/<int:id>', ({ id }) => `id ${id + 1}`)
    const client = app.test_client()
    expect((await client.get('/u/41')).text).toBe('id 42')
    expect((await client.get('/u/bob')).text).toBe('name bob')
  })

  it('answers 405 with Allow, OPTIONS automatically and strict-slash 308', async () => {
    const app = new Flask('t')
    app.post('/p', () => 'p')
    app.get('/a/', () => 'a')
    const client = app.test_client()
    const r405 = await client.get('/p')
    expect(r405.status_code).toBe(405)
    expect(r405.headers.get('allow')).toBe('OPTIONS, POST')
    const opt = await client.options('/p')
    expect(opt.status_code).toBe(200)
    expect(opt.headers.get('allow')).toBe('OPTIONS, POST')
    const r308 = await client.get('/a?x=1')
    expect(r308.status_code).toBe(308)
    expect(r308.headers.get('location')).toBe('http://localhost/a/?x=1')
  })

  it('reads request data synchronously and keeps the session between calls', async () => {
    const app = new Flask('t')
    app.secret_key = 'dev'
    app.post('/form', () => ({ name: request.form.get('name'), q: request.args.get('q') }))
    app.post('/json', () => [request.get_json() as object, 201])
    app.get('/set', () => {
      session.n = 1
      return 'ok'
    })
    app.get('/get', () => String(session.n))
    const client = app.test_client()
    expect((await client.post('/form', { data: { name: 'ada' }, query_string: { q: 'x' } })).json).toEqual({
      name: 'ada',
      q: 'x',
    })
    const j = await client.post('/json', { json: { a: 1 } })
    expect(j.status_code).toBe(201)
    expect(j.json).toEqual({ a: 1 })
    await client.get('/set')
    expect((await client.get('/get')).text).toBe('1')
  })

  it('runs hooks and error handlers, url_for, redirect, abort', async () => {
    const app = new Flask('t')
    const calls: string[] = []
    app.before_request(() => {
      g.x = 1
      calls.push('before')
    })
    app.after_request((r) => {
      calls.push('after')
      return r
    })
    app.teardown_request(() => {
      calls.push('teardown')
    })
    app.errorhandler(404, () => ['custom', 404])
    app.get('/r', () => redirect(url_for('target', { a: 'b c' })))
    app.get('/t', function target() {
      return jsonify({ x: g.x })
    })
    app.get('/a', () => abort(404))
    const client = app.test_client()
    const r = await client.get('/r')
    expect(r.status_code).toBe(302)
    expect(r.location).toBe('/t?a=b+c')
    expect((await client.get('/r', { follow_redirects: true })).json).toEqual({ x: 1 })
    expect((await client.get('/a')).text).toBe('custom')
    expect(calls.slice(0, 3)).toEqual(['before', 'after', 'teardown'])
  })
})
