import { describe, expect, it } from 'vitest'
import { request, send_from_directory, session } from '../index.js'
import { makeApp } from './setup.js'

describe('hostile and malformed input', () => {
  const app = makeApp()
  app.get('/u/<path:name>', ({ name }) => send_from_directory('uploads', name))
  app.post('/json', () => ({ json: request.get_json() as unknown }))
  app.post('/form', () => ({ form: Object.fromEntries(request.form.items()) }))
  app.get('/q', () => ({ q: request.args.get('q') ?? null }))
  app.get('/s', () => ({ user: session.user ?? null, keys: Object.keys(session) }))
  const client = app.test_client()

  // Paths that would reach fixtures/secret.txt if joined naively
  it.each([
    '/static/../secret.txt',
    '/static/%2e%2e/secret.txt',
    '/static/..%2fsecret.txt',
    '/static/%2e%2e%2fsecret.txt',
    '/static/sub%2f..%2f..%2fsecret.txt',
    '/static/..%5csecret.txt',
    '/static/%2fetc%2fpasswd',
    '/static/hello.txt%00.png',
    '/u/../secret.txt',
    '/u/%2e%2e/secret.txt',
    '/u/..%2fsecret.txt',
    '/u/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/u/%2fetc%2fpasswd',
    '/u/hello.txt%00',
    '/u/..%5c..%5csecret.txt',
  ])('answers %s with 404 and never the file', async (path) => {
    const rv = await client.get(path)
    expect(rv.status_code).toBe(404)
    expect(rv.text).not.toContain('secret')
  })

  it.each([
    ['{bad', 'application/json'],
    ['', 'application/json'],
    ['[1,', 'application/json'],
    ['\u0000', 'application/json'],
  ])('answers a malformed JSON body %j with 400', async (data, type) => {
    expect((await client.post('/json', { data, content_type: type })).status_code).toBe(400)
  })

  it('answers a multipart body without its closing boundary with 400', async () => {
    const rv = await client.post('/form', {
      data: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue',
      content_type: 'multipart/form-data; boundary=xyz',
    })
    expect(rv.status_code).toBe(400)
  })

  it('answers multipart without a boundary with 400', async () => {
    const rv = await client.post('/form', { data: 'x', content_type: 'multipart/form-data' })
    expect(rv.status_code).toBe(400)
  })

  it('answers a body over MAX_CONTENT_LENGTH with 413', async () => {
    const small = makeApp()
    small.config.MAX_CONTENT_LENGTH = 100
    small.post('/json', () => ({ json: request.get_json() as unknown }))
    const rv = await small
      .test_client()
      .post('/json', { data: JSON.stringify('x'.repeat(200)), content_type: 'application/json' })
    expect(rv.status_code).toBe(413)
  })

  // werkzeug 2.3.4+ (pallets/werkzeug#2694) counts parts of multipart bodies only; an urlencoded
  // body is bounded as a whole by MAX_FORM_MEMORY_SIZE instead (checked with Flask 3.1)
  it('answers more multipart parts than MAX_FORM_PARTS with 413, not urlencoded fields', async () => {
    const small = makeApp()
    small.config.MAX_FORM_PARTS = 5
    small.post('/form', () => ({ n: [...request.form.keys()].length }))
    const data = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'v']))
    const form = new FormData()
    for (const [k, v] of Object.entries(data)) form.append(k, v)
    expect((await small.test_client().post('/form', { data: form })).status_code).toBe(413)
    expect((await small.test_client().post('/form', { data })).get_json()).toEqual({ n: 10 })
  })

  it('answers a form field over MAX_FORM_MEMORY_SIZE with 413', async () => {
    const small = makeApp()
    small.config.MAX_FORM_MEMORY_SIZE = 50
    // as in werkzeug, the error is raised when the view reads the form
    small.post('/form', () => ({ n: [...request.form.keys()].length }))
    const form = new FormData()
    form.append('big', 'x'.repeat(500))
    expect((await small.test_client().post('/form', { data: form })).status_code).toBe(413)
  })

  it.each(['/q?q=%ff', '/q?q=%c3%28', '/q?q=%', '/q?q=%zz&q2=%e2%82', '/q?%ff=%fe'])(
    'answers invalid UTF-8 or broken escapes in the query string (%s) without crashing',
    async (path) => {
      const rv = await client.get(path)
      expect(rv.status_code).toBe(200)
      expect(rv.get_json()).toHaveProperty('q')
    },
  )

  it.each([
    'garbage',
    'eyJ1c2VyIjoiYWRtaW4ifQ.ZZZZZZ.forged-signature',
    'eyJ1c2VyIjoiYWRtaW4ifQ',
    '.eJyrVkrJLCpKTS4pVrJSUkrOz83NzNMrzUvPz1NIzkgsSsxVslIqSy0qzszPUzJUqgUAFMwPWw.ZZ.sig',
    '%%%',
  ])('treats a tampered session cookie (%s) as a fresh empty session', async (cookie) => {
    const rv = await client.get('/s', { headers: { cookie: `session=${cookie}` } })
    expect(rv.status_code).toBe(200)
    expect(rv.get_json()).toEqual({ user: null, keys: [] })
  })

  it('does not accept a cookie signed with another secret key', async () => {
    const other = makeApp()
    other.secret_key = 'another key'
    other.get('/login', () => {
      session.user = 'admin'
      return ''
    })
    const forged = (await other.test_client().get('/login')).headers.getSetCookie()[0]?.split(';')[0] ?? ''
    const rv = await client.get('/s', { headers: { cookie: forged } })
    expect(rv.get_json()).toEqual({ user: null, keys: [] })
  })

  it('keeps concurrent requests apart', async () => {
    const iso = makeApp()
    iso.get('/<name>', async ({ name }) => {
      session.name = name
      await new Promise((r) => setTimeout(r, Math.random() * 5))
      return { name: session.name, arg: request.view_args?.name }
    })
    const names = Array.from({ length: 20 }, (_, i) => `u${i}`)
    const out = await Promise.all(names.map((n) => iso.request(`/${n}`).then((r) => r.json())))
    expect(out).toEqual(names.map((n) => ({ name: n, arg: n })))
  })
})
