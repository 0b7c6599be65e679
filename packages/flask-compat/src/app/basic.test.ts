// Cases ported from Flask's tests/test_basic.py; each names the upstream test it mirrors.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  abort,
  after_this_request,
  BuildError,
  Flask,
  Forbidden,
  g,
  HTTPException,
  jsonify,
  make_response,
  NotFound,
  Response,
  request,
  url_for,
} from '../index.js'

const ROOT = fileURLToPath(new URL('./fixtures', import.meta.url))

function makeApp(): Flask {
  const app = new Flask('flask_test', { root_path: ROOT })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

const allow = (res: { headers: Headers }) => (res.headers.get('allow') ?? '').split(', ').sort()

describe('methods and OPTIONS (test_basic)', () => {
  it('answers OPTIONS with every allowed method and no body (test_options_work)', async () => {
    const app = makeApp()
    app.route('/', { methods: ['GET', 'POST'] }, function index() {
      return 'Hello World'
    })
    const rv = await app.test_client().open('/', { method: 'OPTIONS' })
    expect(allow(rv)).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST'])
    expect(rv.data.byteLength).toBe(0)
  })

  it('merges methods of several rules on one path (test_options_on_multiple_rules)', async () => {
    const app = makeApp()
    app.route('/', { methods: ['GET', 'POST'] }, function index() {
      return 'Hello World'
    })
    app.route('/', { methods: ['PUT'] }, function index_put() {
      return 'Aha!'
    })
    const rv = await app.test_client().open('/', { method: 'OPTIONS' })
    expect(allow(rv)).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])
  })

  for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
    it(`routes app.${method} to client.${method} (test_method_route)`, async () => {
      const app = makeApp()
      app[method]('/', function hello() {
        return 'Hello'
      })
      expect((await app.test_client()[method]('/')).text).toBe('Hello')
    })
  }

  it('refuses methods on the method shortcuts (test_method_route_no_methods)', () => {
    const app = makeApp()
    expect(() => app.get('/', { methods: ['GET', 'POST'] } as never, () => 'x')).toThrow(TypeError)
  })

  it('lets a view attribute turn automatic OPTIONS off (test_provide_automatic_options_attr_disable)', async () => {
    const app = makeApp()
    const index = Object.assign(() => 'Hello World!', { provide_automatic_options: false })
    app.add_url_rule('/', 'index', index)
    expect((await app.test_client().options('/')).status_code).toBe(405)
  })

  it('lets a view attribute turn automatic OPTIONS on when config disables it (test_provide_automatic_options_attr_enable)', async () => {
    const app = makeApp()
    app.config.PROVIDE_AUTOMATIC_OPTIONS = false
    const index = Object.assign(() => 'Hello World!', { provide_automatic_options: true })
    app.add_url_rule('/', 'index', index)
    expect(allow(await app.test_client().options('/'))).toEqual(['GET', 'HEAD', 'OPTIONS'])
  })

  it('turns automatic OPTIONS off by route argument (test_provide_automatic_options_arg_disable)', async () => {
    const app = makeApp()
    app.get('/', { provide_automatic_options: false }, () => 'Hello World!')
    expect((await app.test_client().options('/')).status_code).toBe(405)
  })

  it('calls the view when the route handles OPTIONS itself (test_provide_automatic_options_method_disable)', async () => {
    const app = makeApp()
    app.route('/', { methods: ['OPTIONS'] }, () => ['', { 'X-Test': 'test' }])
    expect((await app.test_client().options('/')).headers.get('x-test')).toBe('test')
  })

  it('dispatches by method with 405 and HEAD truncation (test_request_dispatching)', async () => {
    const app = makeApp()
    app.route('/', function index() {
      return request.method
    })
    app.route('/more', { methods: ['GET', 'POST'] }, function more() {
      return request.method
    })
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('GET')
    const rv = await client.post('/')
    expect(rv.status_code).toBe(405)
    expect(allow(rv)).toEqual(['GET', 'HEAD', 'OPTIONS'])
    const head = await client.head('/')
    expect(head.status_code).toBe(200)
    expect(head.data.byteLength).toBe(0)
    expect((await client.post('/more')).text).toBe('POST')
    expect((await client.get('/more')).text).toBe('GET')
    const del = await client.delete('/more')
    expect(del.status_code).toBe(405)
    expect(allow(del)).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST'])
  })

  it('refuses a string of methods (test_disallow_string_for_allowed_methods)', () => {
    const app = makeApp()
    expect(() => app.add_url_rule('/', 'test', null, { methods: 'GET POST' as never })).toThrow(TypeError)
  })

  it('maps add_url_rule endpoints; lower-case "options" disables automatic OPTIONS (test_url_mapping)', async () => {
    const app = makeApp()
    const id = '7eb41166-9ebf-4d26-b771-ea3f54f8b383'
    app.add_url_rule('/', 'index', () => request.method)
    app.add_url_rule('/more', 'more', () => request.method, { methods: ['GET', 'POST'] })
    app.add_url_rule('/options', 'options', () => id, { methods: ['options'] })
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('GET')
    expect(allow(await client.post('/'))).toEqual(['GET', 'HEAD', 'OPTIONS'])
    expect((await client.post('/more')).text).toBe('POST')
    const rv = await client.open('/options', { method: 'OPTIONS' })
    expect(rv.status_code).toBe(200)
    expect(rv.text).toContain(id)
  })

  it('refuses a second view for an existing endpoint (add_url_rule AssertionError)', () => {
    const app = makeApp()
    app.add_url_rule('/a', 'same', () => 'a')
    expect(() => app.add_url_rule('/b', 'same', () => 'b')).toThrow(
      /overwriting an existing endpoint function: same/,
    )
  })

  it('routes several rules to one view (test_multi_route_rules)', async () => {
    const app = makeApp()
    const index = ({ test = 'a' }: { test?: string }) => test
    app.route('/', index)
    app.route('/<test>/', index)
    const client = app.test_client()
    expect((await client.open('/')).text).toBe('a')
    expect((await client.open('/b/')).text).toBe('b')
  })

  it('uses a custom endpoint name for url_for (test_route_decorator_custom_endpoint)', async () => {
    const app = makeApp()
    app.route('/foo/', function foo() {
      return request.endpoint!
    })
    app.route('/bar/', { endpoint: 'bar' }, function for_bar() {
      return request.endpoint!
    })
    app.route('/bar/123', { endpoint: '123' }, function for_bar_foo() {
      return request.endpoint!
    })
    await app.test_request_context(() => {
      expect(url_for('foo')).toBe('/foo/')
      expect(url_for('bar')).toBe('/bar/')
      expect(url_for('123')).toBe('/bar/123')
    })
    const client = app.test_client()
    expect((await client.get('/foo/')).text).toBe('foo')
    expect((await client.get('/bar/')).text).toBe('bar')
    expect((await client.get('/bar/123')).text).toBe('123')
  })

  it('matches non-ASCII paths (test_nonascii_pathinfo)', async () => {
    const app = makeApp()
    app.route('/киртест', () => 'Hello World!')
    expect((await app.test_client().get('/киртест')).text).toBe('Hello World!')
  })
})

describe('request hooks (test_basic)', () => {
  it('runs before and after hooks around the view (test_request_processing)', async () => {
    const app = makeApp()
    const evts: string[] = []
    app.before_request(() => {
      evts.push('before')
    })
    app.after_request((response) => {
      response.set_data(`${response.get_data({ as_text: true })}|after`)
      evts.push('after')
      return response
    })
    app.route('/', () => {
      expect(evts).toContain('before')
      expect(evts).not.toContain('after')
      return 'request'
    })
    expect(evts).not.toContain('after')
    const rv = await app.test_client().get('/')
    expect(evts).toContain('after')
    expect(rv.text).toBe('request|after')
  })

  it('stops at the first before_request returning a value (test_request_preprocessing_early_return)', async () => {
    const app = makeApp()
    const evts: unknown[] = []
    app.before_request(() => {
      evts.push(1)
    })
    app.before_request(() => {
      evts.push(2)
      return 'hello'
    })
    app.before_request(() => {
      evts.push(3)
      return 'bye'
    })
    app.route('/', () => {
      evts.push('index')
      return 'damnit'
    })
    expect((await app.test_client().get('/')).text).toBe('hello')
    expect(evts).toEqual([1, 2])
  })

  it('applies after_this_request functions (test_after_request_processing)', async () => {
    const app = makeApp()
    app.route('/', () => {
      after_this_request((response) => {
        response.headers.set('X-Foo', 'a header')
        return response
      })
      return 'Test'
    })
    const resp = await app.test_client().get('/')
    expect(resp.status_code).toBe(200)
    expect(resp.headers.get('x-foo')).toBe('a header')
  })

  it('runs teardown_request once and ignores its return (test_teardown_request_handler)', async () => {
    const app = makeApp()
    const called: boolean[] = []
    app.teardown_request(() => {
      called.push(true)
      return 'Ignored'
    })
    app.route('/', () => 'Response')
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(200)
    expect(rv.text).toContain('Response')
    expect(called).toHaveLength(1)
  })

  it('passes the same original error to every teardown (test_teardown_request_handler_error)', async () => {
    const app = makeApp()
    app.testing = false
    const called: unknown[] = []
    class ZeroDivisionError extends Error {}
    for (let i = 0; i < 2; i++) {
      app.teardown_request((exc) => {
        expect(exc).toBeInstanceOf(ZeroDivisionError)
        called.push(true)
        try {
          throw new TypeError()
        } catch {}
      })
    }
    app.route('/', () => {
      throw new ZeroDivisionError()
    })
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(500)
    expect(rv.text).toContain('Internal Server Error')
    expect(called).toHaveLength(2)
  })

  it('orders before (registration), after and teardown (reverse) hooks (test_before_after_request_order)', async () => {
    const app = makeApp()
    const called: number[] = []
    app.before_request(() => {
      called.push(1)
    })
    app.before_request(() => {
      called.push(2)
    })
    app.after_request((r) => {
      called.push(4)
      return r
    })
    app.after_request((r) => {
      called.push(3)
      return r
    })
    app.teardown_request(() => {
      called.push(6)
    })
    app.teardown_request(() => {
      called.push(5)
    })
    app.route('/', () => '42')
    expect((await app.test_client().get('/')).text).toBe('42')
    expect(called).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('lets url processors pull and push values (test_url_processors)', async () => {
    const app = makeApp()
    app.url_defaults((endpoint, values) => {
      if ('lang_code' in values || !app.url_map.is_endpoint_expecting(endpoint, 'lang_code')) return
      values.lang_code = g.get('lang_code')
    })
    app.url_value_preprocessor((_endpoint, values) => {
      g.lang_code = values ? values.lang_code : undefined
      if (values) delete values.lang_code
    })
    app.route('/<lang_code>/', function index() {
      return url_for('about')
    })
    app.route('/<lang_code>/about', function about() {
      return url_for('something_else')
    })
    app.route('/foo', function something_else() {
      return url_for('about', { lang_code: 'en' })
    })
    const client = app.test_client()
    expect((await client.get('/de/')).text).toBe('/de/about')
    expect((await client.get('/de/about')).text).toBe('/foo')
    expect((await client.get('/foo')).text).toBe('/en/about')
  })
})

describe('error handling (test_basic)', () => {
  it('uses handlers by code and by class (test_error_handling)', async () => {
    const app = makeApp()
    app.testing = false
    app.errorhandler(404, () => ['not found', 404])
    app.errorhandler(500, () => ['internal server error', 500])
    app.errorhandler(Forbidden, () => ['forbidden', 403])
    app.route('/', () => abort(404))
    app.route('/error', () => {
      throw new Error('boom')
    })
    app.route('/forbidden', () => abort(403))
    const client = app.test_client()
    let rv = await client.get('/')
    expect([rv.status_code, rv.text]).toEqual([404, 'not found'])
    rv = await client.get('/error')
    expect([rv.status_code, rv.text]).toEqual([500, 'internal server error'])
    rv = await client.get('/forbidden')
    expect([rv.status_code, rv.text]).toEqual([403, 'forbidden'])
  })

  it('runs after_request on the 500 handler response (test_error_handling_processing)', async () => {
    const app = makeApp()
    app.testing = false
    app.errorhandler(500, () => ['internal server error', 500])
    app.route('/', () => {
      throw new Error('broken')
    })
    app.after_request((resp) => {
      resp.mimetype = 'text/x-special'
      return resp
    })
    const resp = await app.test_client().get('/')
    expect(resp.mimetype).toBe('text/x-special')
    expect(resp.text).toBe('internal server error')
  })

  it('runs before_request for routing errors (test_before_request_and_routing_errors)', async () => {
    const app = makeApp()
    app.before_request(() => {
      g.something = 'value'
    })
    app.errorhandler(404, () => [g.something as string, 404])
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(404)
    expect(rv.text).toBe('value')
  })

  it('handles a user error class (test_user_error_handling)', async () => {
    const app = makeApp()
    class MyException extends Error {}
    app.errorhandler(MyException, (e) => {
      expect(e).toBeInstanceOf(MyException)
      return '42'
    })
    app.route('/', () => {
      throw new MyException()
    })
    expect((await app.test_client().get('/')).text).toBe('42')
  })

  it('prefers a subclass handler over the code handler (test_http_error_subclass_handling)', async () => {
    const app = makeApp()
    class ForbiddenSubclass extends Forbidden {}
    app.errorhandler(ForbiddenSubclass, () => 'banana')
    app.errorhandler(403, (e) => {
      expect(e).not.toBeInstanceOf(ForbiddenSubclass)
      return 'apple'
    })
    app.route('/1', () => {
      throw new ForbiddenSubclass()
    })
    app.route('/2', () => abort(403))
    app.route('/3', () => {
      throw new Forbidden()
    })
    const client = app.test_client()
    expect((await client.get('/1')).text).toBe('banana')
    expect((await client.get('/2')).text).toBe('apple')
    expect((await client.get('/3')).text).toBe('apple')
  })

  it('walks the class chain to the nearest handler (test_errorhandler_precedence)', async () => {
    const app = makeApp()
    class E1 extends Error {}
    class E2 extends Error {}
    class E3 extends E2 {}
    app.errorhandler(E2, () => 'E2')
    app.errorhandler(Error, () => 'Exception')
    app.route('/E1', () => {
      throw new E1()
    })
    app.route('/E3', () => {
      throw new E3()
    })
    const client = app.test_client()
    expect((await client.get('/E1')).text).toBe('Exception')
    expect((await client.get('/E3')).text).toBe('E2')
  })

  it('raises HTTP errors to the caller with TRAP_HTTP_EXCEPTIONS (test_trapping_of_all_http_exceptions)', async () => {
    const app = makeApp()
    app.config.TRAP_HTTP_EXCEPTIONS = true
    app.route('/fail', () => abort(404))
    await expect(app.test_client().get('/fail')).rejects.toBeInstanceOf(NotFound)
  })

  it('answers 400 for abort(400) without trapping (test_trap_bad_request_key_error)', async () => {
    const app = makeApp()
    app.route('/abort', () => abort(400))
    expect((await app.test_client().get('/abort')).status_code).toBe(400)
    app.config.TRAP_BAD_REQUEST_ERRORS = true
    const app2 = makeApp()
    app2.config.TRAP_BAD_REQUEST_ERRORS = true
    app2.route('/abort', () => abort(400))
    await expect(app2.test_client().get('/abort')).rejects.toBeInstanceOf(HTTPException)
  })

  it('uses the 500 handler when a hook fails (test_error_handler_after_processor_error)', async () => {
    const app = makeApp()
    app.testing = false
    let trigger = ''
    app.before_request(() => {
      if (trigger === 'before') throw new Error('zero')
    })
    app.after_request((response) => {
      if (trigger === 'after') throw new Error('zero')
      return response
    })
    app.route('/', () => 'Foo')
    app.errorhandler(500, () => ['Hello Server Error', 500])
    for (trigger of ['before', 'after']) {
      const rv = await app.test_client().get('/')
      expect(rv.status_code).toBe(500)
      expect(rv.text).toBe('Hello Server Error')
    }
  })

  it('propagates unhandled errors in testing and renders 500 otherwise (test_exception_propagation)', async () => {
    const app = makeApp()
    app.route('/', () => {
      throw new RangeError('zero')
    })
    await expect(app.test_client().get('/')).rejects.toBeInstanceOf(RangeError)
    app.testing = false
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(500)
    expect(rv.text).not.toContain('RangeError')
    app.config.PROPAGATE_EXCEPTIONS = true
    await expect(app.test_client().get('/')).rejects.toBeInstanceOf(RangeError)
  })
})

describe('responses (test_basic)', () => {
  it('builds responses from every return shape (test_response_types)', async () => {
    const app = makeApp()
    app.route('/text', () => 'Hällo Wörld')
    app.route('/bytes', () => new TextEncoder().encode('Hällo Wörld'))
    app.route('/full_tuple', () => [
      'Meh',
      400,
      { 'X-Foo': 'Testing', 'Content-Type': 'text/plain; charset=utf-8' },
    ])
    app.route('/text_headers', () => [
      'Hello',
      { 'X-Foo': 'Test', 'Content-Type': 'text/plain; charset=utf-8' },
    ])
    app.route('/text_status', () => ['Hi, status!', 400])
    app.route('/response_headers', () => [
      new Response('Hello world', { status: 404, headers: { 'Content-Type': 'text/html', 'X-Foo': 'Baz' } }),
      { 'Content-Type': 'text/plain', 'X-Foo': 'Bar', 'X-Bar': 'Foo' },
    ])
    app.route('/response_status', () => [new Response('Hello world', { status: 400 }), 500])
    app.route('/wsgi', () => new NotFound())
    app.route('/dict', () => [{ foo: 'bar' }, 201])
    app.route('/list', () => [['foo', 'bar'], 201])
    const client = app.test_client()
    expect((await client.get('/text')).text).toBe('Hällo Wörld')
    expect((await client.get('/bytes')).text).toBe('Hällo Wörld')
    let rv = await client.get('/full_tuple')
    expect([rv.text, rv.headers.get('x-foo'), rv.status_code, rv.mimetype]).toEqual([
      'Meh',
      'Testing',
      400,
      'text/plain',
    ])
    rv = await client.get('/text_headers')
    expect([rv.text, rv.headers.get('x-foo'), rv.status_code, rv.mimetype]).toEqual([
      'Hello',
      'Test',
      200,
      'text/plain',
    ])
    rv = await client.get('/text_status')
    expect([rv.text, rv.status_code, rv.mimetype]).toEqual(['Hi, status!', 400, 'text/html'])
    rv = await client.get('/response_headers')
    expect([
      rv.text,
      rv.content_type,
      rv.headers.get('x-foo'),
      rv.headers.get('x-bar'),
      rv.status_code,
    ]).toEqual(['Hello world', 'text/plain', 'Bar', 'Foo', 404])
    rv = await client.get('/response_status')
    expect([rv.text, rv.status_code]).toEqual(['Hello world', 500])
    rv = await client.get('/wsgi')
    expect(rv.text).toContain('Not Found')
    expect(rv.status_code).toBe(404)
    rv = await client.get('/dict')
    expect([rv.json, rv.status_code]).toEqual([{ foo: 'bar' }, 201])
    rv = await client.get('/list')
    expect([rv.json, rv.status_code]).toEqual([['foo', 'bar'], 201])
  })

  it('refuses undefined and unknown return values (test_response_type_errors)', async () => {
    const app = makeApp()
    app.route('/none', () => undefined as never)
    app.route('/small_tuple', () => ['Hello'] as never)
    app.route('/bad_type', () => 7 as never)
    const client = app.test_client()
    await expect(client.get('/none')).rejects.toThrow(/did not return a valid response/)
    await expect(client.get('/bad_type')).rejects.toThrow(/it was a number/)
  })

  it('makes responses from bodies, statuses and iterators (test_make_response)', async () => {
    const app = makeApp()
    await app.test_request_context(async () => {
      let rv = make_response()
      expect([rv.status_code, rv.get_data({ as_text: true }), rv.mimetype]).toEqual([200, '', 'text/html'])
      rv = make_response('Awesome')
      expect([rv.status_code, rv.get_data({ as_text: true }), rv.mimetype]).toEqual([
        200,
        'Awesome',
        'text/html',
      ])
      rv = make_response('W00t', 404)
      expect([rv.status_code, rv.get_data({ as_text: true }), rv.mimetype]).toEqual([
        404,
        'W00t',
        'text/html',
      ])
      rv = make_response(
        (function* () {
          yield* 'Hello'
        })(),
      )
      expect([rv.status_code, await rv.toWeb().text(), rv.mimetype]).toEqual([200, 'Hello', 'text/html'])
    })
  })

  it('overrides status and headers of a Response instance (test_make_response_with_response_instance)', async () => {
    const app = makeApp()
    await app.test_request_context(() => {
      let rv = make_response(jsonify({ msg: 'W00t' }), 400)
      expect([rv.status_code, rv.get_data({ as_text: true }), rv.mimetype]).toEqual([
        400,
        '{"msg":"W00t"}\n',
        'application/json',
      ])
      rv = make_response(new Response(''), 400)
      expect([rv.status_code, rv.get_data({ as_text: true }), rv.mimetype]).toEqual([400, '', 'text/html'])
      rv = make_response(new Response('', { headers: { 'Content-Type': 'text/html' } }), 400, [
        ['X-Foo', 'bar'],
      ])
      expect([rv.status_code, rv.headers.get('content-type'), rv.headers.get('x-foo')]).toEqual([
        400,
        'text/html',
        'bar',
      ])
    })
  })

  it('serialises jsonify compactly with sorted keys (test_jsonify_no_prettyprint)', async () => {
    const app = makeApp()
    await app.test_request_context(() => {
      const data = jsonify({ msg: { submsg: 'W00t' }, msg2: 'foobar' })
        .get_data({ as_text: true })
        .trim()
      expect(data).toBe('{"msg":{"submsg":"W00t"},"msg2":"foobar"}')
    })
  })
})

describe('URL building (test_basic)', () => {
  it('quotes values and builds external URLs (test_url_generation)', async () => {
    const app = makeApp()
    app.route('/hello/<name>', { methods: ['POST'] }, function hello() {
      return ''
    })
    await app.test_request_context(() => {
      expect(url_for('hello', { name: 'test x' })).toBe('/hello/test%20x')
      expect(url_for('hello', { name: 'test x', _external: true })).toBe('http://localhost/hello/test%20x')
    })
  })

  it('raises BuildError or asks url_build_error_handlers (test_build_error_handler)', async () => {
    const app = makeApp()
    await app.test_request_context(() => {
      expect(() => url_for('spam')).toThrow(BuildError)
    })
    app.url_build_error_handlers.push(() => '/test_handler/')
    await app.test_request_context(() => {
      expect(url_for('spam')).toBe('/test_handler/')
    })
  })

  it('re-raises when a handler raises the BuildError (test_build_error_handler_reraise)', async () => {
    const app = makeApp()
    app.url_build_error_handlers.push((error) => {
      throw error
    })
    await app.test_request_context(() => {
      expect(() => url_for('not.existing')).toThrow(BuildError)
    })
  })

  it('passes the special values to the build error handler (test_url_for_passes_special_values_to_build_error_handler)', async () => {
    const app = makeApp()
    app.url_build_error_handlers.push((_e, _ep, values) => {
      expect(values).toEqual({ _external: false, _anchor: undefined, _method: undefined, _scheme: undefined })
      return 'handled'
    })
    await app.test_request_context(() => {
      expect(url_for('/')).toBe('handled')
    })
  })

  it('fills in blueprint url_defaults (test_inject_blueprint_url_defaults)', async () => {
    const { Blueprint } = await import('../index.js')
    const app = makeApp()
    const bp = new Blueprint('foo', 'foo', { template_folder: 'template' })
    bp.url_defaults((_endpoint, values) => {
      values.page = 'login'
    })
    bp.route('/<page>', function view() {
      return ''
    })
    app.register_blueprint(bp)
    await app.test_request_context(() => {
      expect(url_for('foo.view')).toBe('/login')
    })
    const values: Record<string, unknown> = {}
    const { injectUrlDefaults } = await import('./url-for.js')
    injectUrlDefaults(app, 'foo.view', values)
    expect(values).toEqual({ page: 'login' })
  })
})

describe('static files (test_basic)', () => {
  it('serves the static folder and builds its URLs (test_static_files)', async () => {
    const app = makeApp()
    const rv = await app.test_client().get('/static/index.html')
    expect(rv.status_code).toBe(200)
    expect(rv.text.trim()).toBe('<h1>Hello World!</h1>')
    await app.test_request_context(() => {
      expect(url_for('static', { filename: 'index.html' })).toBe('/static/index.html')
    })
  })

  it('serves static files under a custom URL path (test_static_url_path)', async () => {
    const app = new Flask('flask_test', { root_path: ROOT, static_url_path: '/foo' })
    app.testing = true
    expect((await app.test_client().get('/foo/index.html')).status_code).toBe(200)
    await app.test_request_context(() => {
      expect(url_for('static', { filename: 'index.html' })).toBe('/foo/index.html')
    })
  })

  it('ignores a trailing slash on the static URL path (test_static_url_path_with_ending_slash)', async () => {
    const app = new Flask('flask_test', { root_path: ROOT, static_url_path: '/foo/' })
    app.testing = true
    expect((await app.test_client().get('/foo/index.html')).status_code).toBe(200)
    await app.test_request_context(() => {
      expect(url_for('static', { filename: 'index.html' })).toBe('/foo/index.html')
    })
  })

  it('refuses to leave the static folder', async () => {
    const app = makeApp()
    const client = app.test_client()
    expect((await client.get('/static/../basic.test.ts')).status_code).toBe(404)
    expect((await client.get('/static/%2e%2e/basic.test.ts')).status_code).toBe(404)
  })
})

describe('g and the request locals (test_basic)', () => {
  it('offers get with a default on g (test_get_method_on_g)', async () => {
    const app = makeApp()
    await app.app_context(() => {
      expect(g.get('x')).toBeUndefined()
      expect(g.get('x', 11)).toBe(11)
      g.x = 42
      expect(g.get('x')).toBe(42)
      expect(g.x).toBe(42)
    })
  })

  it('iterates g like a dict (test_g_iteration_protocol)', async () => {
    const app = makeApp()
    await app.app_context(() => {
      g.foo = 23
      g.bar = 42
      expect('foo' in g).toBe(true)
      expect('foos' in g).toBe(false)
      expect(Object.keys(g).sort()).toEqual(['bar', 'foo'])
    })
  })

  it('throws outside of a request and works inside one (test_request_locals)', async () => {
    const app = makeApp()
    expect(() => request.path).toThrow(/Working outside of request context/)
    expect(() => g.x).toThrow(/Working outside of application context/)
    await app.test_request_context('/x', () => {
      expect(request.path).toBe('/x')
    })
  })
})
