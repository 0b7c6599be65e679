import { describe, expect, it } from 'vitest'
import { abort, exceptions, Forbidden, HTTPException, NotFound } from '../index.js'
import { makeApp } from './setup.js'

const page = (code: number, name: string, description: string) =>
  `<!doctype html>\n<html lang=en>\n<title>${code} ${name}</title>\n<h1>${name}</h1>\n<p>${description}</p>\n`

// Bodies measured with Flask 2.2.2 / werkzeug 2.2.2 (same templates as werkzeug 3)
const PAGES: [number, string, string][] = [
  [400, 'Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  [
    401,
    'Unauthorized',
    'The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn&#39;t understand how to supply the credentials required.',
  ],
  [
    403,
    'Forbidden',
    'You don&#39;t have the permission to access the requested resource. It is either read-protected or not readable by the server.',
  ],
  [
    404,
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ],
  [405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'],
  [
    409,
    'Conflict',
    'A conflict happened while processing the request. The resource might have been modified while the request was being processed.',
  ],
  [
    410,
    'Gone',
    'The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.',
  ],
  [413, 'Request Entity Too Large', 'The data value transmitted exceeds the capacity limit.'],
  [415, 'Unsupported Media Type', 'The server does not support the media type transmitted in the request.'],
  [416, 'Requested Range Not Satisfiable', 'The server cannot provide the requested range.'],
  [418, 'I&#39;m a teapot', 'This server is a teapot, not a coffee machine'],
  [429, 'Too Many Requests', 'This user has exceeded an allotted request count. Try again later.'],
  [
    500,
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  ],
  [501, 'Not Implemented', 'The server does not support the action requested by the browser.'],
  [
    503,
    'Service Unavailable',
    'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
  ],
]

describe('werkzeug exception pages', () => {
  it.each(PAGES)('answers abort(%i) with werkzeug page byte for byte', async (code, name, description) => {
    const app = makeApp()
    app.get('/a/<int:code>', ({ code }) => abort(code))
    const rv = await app.test_client().get(`/a/${code}`)
    expect(rv.status_code).toBe(code)
    expect(rv.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(rv.text).toBe(page(code, name, description))
  })

  it('answers an unknown URL with the 404 page', async () => {
    const rv = await makeApp().test_client().get('/nope')
    expect(rv.status_code).toBe(404)
    expect(rv.text).toBe(page(404, ...(PAGES[3]!.slice(1) as [string, string])))
  })

  // test_basic.py::test_request_dispatching: 405 carries Allow
  it('answers a wrong method with 405, Allow and the page', async () => {
    const app = makeApp()
    app.get('/j', () => 'x')
    const rv = await app.test_client().post('/j')
    expect(rv.status_code).toBe(405)
    expect(
      (rv.headers.get('allow') ?? '')
        .split(',')
        .map((m) => m.trim())
        .sort(),
    ).toEqual(['GET', 'HEAD', 'OPTIONS'])
  })

  it('answers an exception in a view with the 500 page (test_error_handling)', async () => {
    const app = makeApp()
    app.config.TESTING = false
    app.config.PROPAGATE_EXCEPTIONS = false
    app.get('/boom', () => {
      throw new Error('x')
    })
    const rv = await app.test_client().get('/boom')
    expect(rv.status_code).toBe(500)
    expect(rv.text).toBe(page(500, ...(PAGES[12]!.slice(1) as [string, string])))
  })
})

describe('error handlers (tests/test_basic.py, test_user_error_handler.py)', () => {
  it('calls handlers registered by code (test_error_handling)', async () => {
    const app = makeApp()
    app.errorhandler(404, () => ['not found', 404])
    app.errorhandler(403, () => ['forbidden', 403])
    app.get('/forbidden', () => abort(403))
    const client = app.test_client()
    expect([(await client.get('/nope')).status_code, (await client.get('/nope')).text]).toEqual([
      404,
      'not found',
    ])
    expect([(await client.get('/forbidden')).status_code, (await client.get('/forbidden')).text]).toEqual([
      403,
      'forbidden',
    ])
  })

  it('resolves handlers along the class chain, most specific first (test_http_error_subclass_handling)', async () => {
    class ForbiddenSubclass extends Forbidden {}
    const app = makeApp()
    app.errorhandler(ForbiddenSubclass, () => 'banana')
    app.errorhandler(403, () => 'apple')
    app.get('/1', () => {
      throw new ForbiddenSubclass()
    })
    app.get('/2', () => abort(403))
    app.get('/3', () => {
      throw new Forbidden()
    })
    const client = app.test_client()
    expect((await client.get('/1')).text).toBe('banana')
    expect((await client.get('/2')).text).toBe('apple')
    expect((await client.get('/3')).text).toBe('apple')
  })

  it('handles user exception classes (test_user_error_handling)', async () => {
    class MyException extends Error {}
    const app = makeApp()
    app.errorhandler(MyException, (e) => {
      expect(e).toBeInstanceOf(MyException)
      return '42'
    })
    app.get('/', () => {
      throw new MyException()
    })
    expect((await app.test_client().get('/')).text).toBe('42')
  })

  it('gives an HTTPException handler every HTTP error (test_errorhandler_precedence)', async () => {
    const app = makeApp()
    app.errorhandler(HTTPException, (e) => [`generic ${e.code}`, e.code])
    app.get('/', () => abort(409))
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('generic 409')
    expect((await client.get('/missing')).text).toBe('generic 404')
  })

  it('answers a custom description and headers of a raised exception', async () => {
    const app = makeApp()
    app.get('/', () => {
      throw new NotFound('No such <thing>', { headers: { 'x-reason': 'gone' } })
    })
    const rv = await app.test_client().get('/')
    expect(rv.headers.get('x-reason')).toBe('gone')
    expect(rv.text).toContain('<p>No such &lt;thing&gt;</p>')
  })

  it('exposes werkzeug names on the exceptions namespace', () => {
    expect(new exceptions.Conflict().code).toBe(409)
    expect(new exceptions.ImATeapot().code).toBe(418)
  })
})
