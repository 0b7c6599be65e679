import { describe, expect, it } from 'vitest'
import { Flask, request } from '../index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

describe('the request object', () => {
  it('exposes URL parts as werkzeug does (compared with Flask 3.1)', async () => {
    const app = makeApp()
    app.route('/r', () => ({
      args: request.args.getlist('a'),
      full: request.full_path,
      url: request.url,
      base: request.base_url,
      host: request.host,
      ra: request.remote_addr,
      ct: request.content_length,
      scheme: request.scheme,
      path: request.path,
      endpoint: request.endpoint,
    }))
    const c = app.test_client()
    expect((await c.get('/r?a=1&a=2')).json).toEqual({
      args: ['1', '2'],
      base: 'http://localhost/r',
      ct: null,
      full: '/r?a=1&a=2',
      host: 'localhost',
      ra: '127.0.0.1',
      url: 'http://localhost/r?a=1&a=2',
      scheme: 'http',
      path: '/r',
      endpoint: '/r',
    })
    expect(((await c.get('/r')).json as { full: string }).full).toBe('/r?')
  })

  it('converts args with a type and falls back to the default', async () => {
    const app = makeApp()
    app.route('/', () => ({
      page: request.args.get('page', 1, Number),
      bad: request.args.get('bad', 0, Number),
    }))
    expect((await app.test_client().get('/?page=3&bad=x')).json).toEqual({ page: 3, bad: 0 })
  })

  it('reads urlencoded and multipart forms, files and values synchronously', async () => {
    const app = makeApp()
    app.post('/', () => {
      const f = request.files.get('doc')
      return {
        name: request.form.get('name'),
        tags: request.form.getlist('tag'),
        q: request.values.get('q'),
        file: f ? [f.filename, f.mimetype, f.text()] : null,
      }
    })
    const c = app.test_client()
    expect((await c.post('/?q=1', { data: { name: 'ada', tag: ['a', 'b'] } })).json).toEqual({
      name: 'ada',
      tags: ['a', 'b'],
      q: '1',
      file: null,
    })
    const doc = new Blob(['hello'], { type: 'text/plain' })
    expect((await c.post('/', { data: { name: 'x', doc: [doc, 'a.txt'] } })).json).toEqual({
      name: 'x',
      tags: [],
      q: undefined,
      file: ['a.txt', 'text/plain', 'hello'],
    })
  })

  it('answers JSON with 415 for other types, 400 for bad JSON, null when silent, parsed with force', async () => {
    const app = makeApp()
    app.post('/j', () => ({ v: request.get_json() }))
    app.post('/silent', () => ({ v: request.get_json({ silent: true }) }))
    app.post('/force', () => ({ v: request.get_json({ force: true }) }))
    const c = app.test_client()
    const r415 = await c.post('/j', { data: '{}', content_type: 'text/plain' })
    expect(r415.status_code).toBe(415)
    expect(r415.text).toContain(
      'Did not attempt to load JSON data because the request Content-Type was not &#39;application/json&#39;.',
    )
    const r400 = await c.post('/j', { data: '{"a":', content_type: 'application/json' })
    expect(r400.status_code).toBe(400)
    expect(r400.text).toContain(
      'The browser (or proxy) sent a request that this server could not understand.',
    )
    expect((await c.post('/silent', { data: '{"a":', content_type: 'application/json' })).json).toEqual({
      v: null,
    })
    expect((await c.post('/force', { data: '{"a":1}', content_type: 'text/plain' })).json).toEqual({
      v: { a: 1 },
    })
    expect((await c.post('/j', { json: [1, 2] })).json).toEqual({ v: [1, 2] })
  })

  it('keeps raw data, headers, cookies, mimetype and authorization', async () => {
    const app = makeApp()
    app.post('/', () => ({
      data: request.get_data({ as_text: true }),
      len: request.content_length,
      mt: request.mimetype,
      h: request.headers.get('x-thing'),
      cookie: request.cookies.get('flavour'),
      user: request.authorization?.username,
      best: request.accept_mimetypes.best_match(['application/json', 'text/html']),
    }))
    const c = app.test_client()
    c.set_cookie('flavour', 'mint')
    const rv = await c.post('/', {
      data: 'raw body',
      content_type: 'text/plain; charset=utf-8',
      headers: {
        'x-thing': 'yes',
        authorization: `Basic ${btoa('ada:pw')}`,
        accept: 'text/html;q=0.5, application/json',
      },
    })
    expect(rv.json).toEqual({
      data: 'raw body',
      len: 8,
      mt: 'text/plain',
      h: 'yes',
      cookie: 'mint',
      user: 'ada',
      best: 'application/json',
    })
  })

  it('answers 413 past MAX_CONTENT_LENGTH and the form limits (compared with Flask 3.1)', async () => {
    const app = makeApp()
    app.config.MAX_CONTENT_LENGTH = 10
    app.post('/f', () => request.form.get('a') ?? '-')
    app.post('/d', () => String(request.get_data().byteLength))
    const c = app.test_client()
    expect((await c.post('/f', { data: { a: 'x'.repeat(20) } })).status_code).toBe(413)
    expect((await c.post('/f', { data: { a: 'x' } })).text).toBe('x')
    expect((await c.post('/d', { data: 'x'.repeat(20) })).status_code).toBe(413)
    const parts = makeApp()
    parts.config.MAX_FORM_PARTS = 2
    parts.config.MAX_FORM_MEMORY_SIZE = 5
    parts.post('/f', () => String(request.form.size))
    const pc = parts.test_client()
    // urlencoded: the whole body must fit MAX_FORM_MEMORY_SIZE ('a=1&b=2' is 7 bytes); parts are
    // not counted (werkzeug#2694)
    expect((await pc.post('/f', { data: { a: '1', b: '2', c: '3' } })).status_code).toBe(413)
    expect((await pc.post('/f', { data: { a: '123456' } })).status_code).toBe(413)
    expect((await pc.post('/f', { data: { a: '1', b: '2' } })).status_code).toBe(413)
    expect((await pc.post('/f', { data: { a: '1' } })).text).toBe('1')
  })

  it('answers 400 for a malformed multipart body', async () => {
    const app = makeApp()
    app.post('/f', () => String(request.form.size))
    const rv = await app
      .test_client()
      .post('/f', { data: '--x\r\nbroken', content_type: 'multipart/form-data; boundary=x' })
    expect(rv.status_code).toBe(400)
  })

  it('replaces invalid UTF-8 in the query string instead of failing', async () => {
    const app = makeApp()
    app.route('/', () => request.args.get('q') ?? '')
    const rv = await app.test_client().get('/?q=%ff')
    expect(rv.status_code).toBe(200)
    expect(rv.text).toBe('\ufffd')
  })

  it('streams generators inside the request context', async () => {
    const app = makeApp()
    app.route('/s', () => {
      function* gen() {
        yield 'a'
        yield request.args.get('x') ?? ''
        yield 'c'
      }
      return gen()
    })
    app.route('/as', async () => {
      async function* gen() {
        yield '1'
        await new Promise((r) => setTimeout(r, 1))
        yield request.path
      }
      return [gen(), 200, { 'content-type': 'text/plain' }]
    })
    const c = app.test_client()
    expect((await c.get('/s?x=b')).text).toBe('abc')
    const rv = await c.get('/as')
    expect([rv.text, rv.mimetype]).toEqual(['1/as', 'text/plain'])
  })

  it('isolates concurrent requests', async () => {
    const app = makeApp()
    app.route('/<int:n>', async ({ n }) => {
      await new Promise((r) => setTimeout(r, (5 - n) * 2))
      return String(request.view_args?.n)
    })
    const c = app.test_client()
    const texts = await Promise.all([1, 2, 3, 4].map(async (n) => (await c.get(`/${n}`)).text))
    expect(texts).toEqual(['1', '2', '3', '4'])
  })
})
