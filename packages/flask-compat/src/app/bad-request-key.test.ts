import { describe, expect, it } from 'vitest'
import { BadRequest, exceptions, Flask, MultiDict, request } from '../index.js'

const PAGE_400 =
  '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n' +
  '<p>The browser (or proxy) sent a request that this server could not understand.</p>\n'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  app.route('/key', { methods: ['GET', 'POST'] }, () => request.form['missing_key'] ?? '')
  app.route('/args', () => request.args['q'] ?? '')
  app.route('/values', () => request.values['zz'] ?? '')
  app.route('/files', { methods: ['POST'] }, () => request.files['up']!.filename ?? '')
  return app
}

describe('a missing MultiDict key is a 400 (werkzeug BadRequestKeyError)', () => {
  // pages compared byte for byte with Flask 3.1 for request.form / args / values
  it.each(['/key', '/args', '/values'])(
    'answers GET %s with the plain 400 page, no key in it',
    async (path) => {
      const rv = await makeApp().test_client().get(path)
      expect([rv.status_code, rv.text]).toEqual([400, PAGE_400])
    },
  )

  it('reads present keys with brackets, files included', async () => {
    const client = makeApp().test_client()
    expect((await client.get('/args?q=1')).text).toBe('1')
    const up = await client.post('/files', { data: { up: [new Blob(['x']), 'a.txt'] } })
    expect(up.text).toBe('a.txt')
    expect((await client.post('/files', { data: { other: '1' } })).status_code).toBe(400)
  })

  // tests/test_basic.py::test_trapping_of_bad_request_key_errors
  it('raises the KeyError with the key in debug mode, and with TRAP_BAD_REQUEST_ERRORS', async () => {
    const app = makeApp()
    app.route('/abort', () => exceptions.abort(400))
    const client = app.test_client()
    const rv = await client.get('/key')
    expect(rv.status_code).toBe(400)
    expect(rv.text).not.toContain('missing_key')
    expect((await client.get('/abort')).status_code).toBe(400)

    app.debug = true
    const error = await client.get('/key').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(exceptions.BadRequestKeyError)
    expect(error).toBeInstanceOf(BadRequest)
    expect((error as exceptions.HTTPException).description).toContain("KeyError: 'missing_key'")
    expect((await client.get('/abort')).status_code).toBe(400)

    app.debug = false
    app.config.TRAP_BAD_REQUEST_ERRORS = true
    await expect(client.get('/key')).rejects.toBeInstanceOf(exceptions.BadRequestKeyError)
    await expect(client.get('/abort')).rejects.toBeInstanceOf(BadRequest)
  })

  // Flask 3.1 with debug on and TRAP_BAD_REQUEST_ERRORS=False: a 400 whose page names the key
  it('names the key in the page in debug mode when trapping is off', async () => {
    const app = makeApp()
    app.debug = true
    app.config.TRAP_BAD_REQUEST_ERRORS = false
    const rv = await app.test_client().get('/key')
    expect(rv.status_code).toBe(400)
    expect(rv.text).toContain(
      '<p>The browser (or proxy) sent a request that this server could not understand.<br>KeyError: &#39;missing_key&#39;</p>',
    )
  })
})

describe('MultiDict bracket access', () => {
  it('gives the first value, keeps methods ahead of keys and throws BadRequestKeyError when missing', () => {
    const d = new MultiDict([
      ['a', '1'],
      ['a', '2'],
      ['get', 'x'],
    ]) as MultiDict & Record<string, string>
    expect(d.a).toBe('1')
    expect(d.__getitem__('get')).toBe('x')
    expect(typeof d.get).toBe('function')
    expect(() => d.missing).toThrow(exceptions.BadRequestKeyError)
    expect(() => d.__getitem__('missing')).toThrow(exceptions.BadRequestKeyError)
  })

  it('stays an ordinary object for promises, JSON and test matchers', async () => {
    const d = new MultiDict([['a', '1']])
    expect(await Promise.resolve(d)).toBe(d)
    expect(JSON.stringify(d)).toBe('{"a":"1"}')
    expect(d).toEqual(new MultiDict([['a', '1']]))
    expect(`${d.to_dict().a} ${'a' in d} ${'b' in d}`).toBe('1 false false')
  })
})
