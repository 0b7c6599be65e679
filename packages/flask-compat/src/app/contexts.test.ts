// Cases ported from Flask's tests/test_reqctx.py, test_appctx.py and test_user_error_handler.py.
import { describe, expect, it } from 'vitest'
import {
  abort,
  Blueprint,
  copy_current_request_context,
  current_app,
  Flask,
  Forbidden,
  g,
  HTTPException,
  has_app_context,
  has_request_context,
  InternalServerError,
  jsonify,
  NotFound,
  RuntimeError,
  render_template_string,
  request,
  SecureCookieSessionInterface,
  SessionInterface,
  session,
  url_for,
} from '../index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

/** Adds a view per path that throws the error its factory makes (Flask tests' `raise X()` views). */
function raising(app: Flask, routes: Record<string, () => Error>): void {
  for (const [path, make] of Object.entries(routes))
    app.route(path, () => {
      throw make()
    })
}

/** The body each path answers, in order. */
async function bodies(app: Flask, paths: string[]): Promise<string[]> {
  const client = app.test_client()
  const out: string[] = []
  for (const path of paths) out.push((await client.get(path)).text)
  return out
}

describe('request contexts (test_reqctx)', () => {
  it('runs teardown with no error when the context ends (test_teardown_on_pop)', async () => {
    const app = makeApp()
    const buffer: unknown[] = []
    app.teardown_request((e) => {
      buffer.push(e)
    })
    await app.test_request_context(() => {
      expect(buffer).toEqual([])
    })
    expect(buffer).toEqual([null])
  })

  it('passes no error for an error caught inside the context (test_teardown_with_handled_exception)', async () => {
    const app = makeApp()
    const buffer: unknown[] = []
    app.teardown_request((e) => {
      buffer.push(e)
    })
    await app.test_request_context(() => {
      try {
        throw new Error('dummy')
      } catch {}
    })
    expect(buffer).toEqual([null])
  })

  it('builds external URLs from SERVER_NAME in a test request (test_proper_test_request_context)', async () => {
    const app = makeApp()
    app.config.SERVER_NAME = 'localhost.localdomain:5000'
    app.route('/', function index() {
      return ''
    })
    await app.test_request_context('/', { base_url: 'http://localhost.localdomain:5000' }, () => {
      expect(url_for('index', { _external: true })).toBe('http://localhost.localdomain:5000/')
    })
  })

  it('binds request to the test context (test_context_binding)', async () => {
    const app = makeApp()
    const index = () => `Hello ${request.args.get('name')}!`
    const meh = () => request.url
    app.route('/', index)
    app.route('/meh', meh)
    await app.test_request_context('/?name=World', () => {
      expect(index()).toBe('Hello World!')
    })
    await app.test_request_context('/meh', () => {
      expect(meh()).toBe('http://localhost/meh')
    })
    expect(has_request_context()).toBe(false)
  })

  it('reports whether a request context is active (test_context_test)', async () => {
    const app = makeApp()
    expect(has_request_context()).toBe(false)
    await app.test_request_context(() => {
      expect(has_request_context()).toBe(true)
    })
  })

  it('throws RuntimeError outside of a context (test_manual_context_binding)', async () => {
    const app = makeApp()
    const index = () => `Hello ${request.args.get('name')}!`
    await app.test_request_context('/?name=World', () => {
      expect(index()).toBe('Hello World!')
    })
    expect(index).toThrow(RuntimeError)
  })

  it('keeps the request for a copied context function run later (test_copy_current_request_context)', async () => {
    const app = makeApp()
    let later: (() => unknown) | undefined
    app.route('/', () => {
      session.fizz = 'buzz'
      later = copy_current_request_context(() => [
        request.path,
        request.args.get('foo'),
        session.get('fizz'),
        current_app.name,
      ])
      return 'Hello World!'
    })
    expect((await app.test_client().get('/?foo=bar')).text).toBe('Hello World!')
    expect(later!()).toEqual(['/', 'bar', 'buzz', 'flask_test'])
  })

  it('answers 500 when opening the session fails (test_session_error_pops_context)', async () => {
    class SessionError extends Error {}
    class FailingSessionInterface extends SessionInterface {
      override open_session(): never {
        throw new SessionError()
      }
    }
    const app = new Flask('x', { static_folder: null })
    app.session_interface = new FailingSessionInterface()
    app.route('/', () => 'should not get here')
    const response = await app.test_client().get('/')
    expect(response.status_code).toBe(500)
    expect(has_request_context()).toBe(false)
    expect(has_app_context()).toBe(false)
  })

  it('lets a session interface pick the cookie name per request (test_session_dynamic_cookie_name)', async () => {
    class PathAwareSessionInterface extends SecureCookieSessionInterface {
      override get_cookie_name(app: Parameters<SecureCookieSessionInterface['get_cookie_name']>[0]): string {
        return request.url.endsWith('dynamic_cookie') ? 'dynamic_cookie_name' : super.get_cookie_name(app)
      }
    }
    const app = makeApp()
    app.session_interface = new PathAwareSessionInterface()
    app.route('/set', { methods: ['POST'] }, () => {
      session.value = request.form.get('value')
      return 'value set'
    })
    app.route('/get', () => String(session.get('value', 'None')))
    app.route('/set_dynamic_cookie', { methods: ['POST'] }, () => {
      session.value = request.form.get('value')
      return 'value set'
    })
    app.route('/get_dynamic_cookie', () => String(session.get('value', 'None')))
    const client = app.test_client()
    expect((await client.post('/set', { data: { value: '42' } })).text).toBe('value set')
    expect((await client.post('/set_dynamic_cookie', { data: { value: '616' } })).text).toBe('value set')
    expect((await client.get('/get')).text).toBe('42')
    expect((await client.get('/get_dynamic_cookie')).text).toBe('616')
  })
})

describe('app contexts (test_appctx)', () => {
  it('builds external URLs from SERVER_NAME and the preferred scheme (test_basic_url_generation)', async () => {
    const app = makeApp()
    app.config.SERVER_NAME = 'localhost'
    app.config.PREFERRED_URL_SCHEME = 'https'
    app.route('/', function index() {
      return ''
    })
    await app.app_context(() => {
      expect(url_for('index')).toBe('https://localhost/')
    })
  })

  it('needs SERVER_NAME to build URLs without a request (test_url_generation_requires_server_name)', async () => {
    const app = makeApp()
    await app.app_context(() => {
      expect(() => url_for('index')).toThrow(RuntimeError)
    })
  })

  it('cannot build URLs without any context (test_url_generation_without_context_fails)', () => {
    expect(() => url_for('index')).toThrow(RuntimeError)
  })

  it('gives current_app inside request and app contexts only (test_request_context_means_app_context)', async () => {
    const app = makeApp()
    await app.test_request_context(() => {
      expect(current_app.name).toBe('flask_test')
    })
    await app.app_context(() => {
      expect(current_app.config).toBe(app.config)
    })
    expect(has_app_context()).toBe(false)
  })

  it('tears down the app context with no error (test_app_tearing_down)', async () => {
    const app = makeApp()
    const cleanup: unknown[] = []
    app.teardown_appcontext((e) => {
      cleanup.push(e)
    })
    await app.app_context(() => {})
    expect(cleanup).toEqual([null])
  })

  it('passes no error when an error handler handled it (test_app_tearing_down_with_handled_exception_by_app_handler)', async () => {
    const app = makeApp()
    app.config.PROPAGATE_EXCEPTIONS = true
    const cleanup: unknown[] = []
    app.teardown_appcontext((e) => {
      cleanup.push(e)
    })
    app.route('/', () => {
      throw new Error('dummy')
    })
    app.errorhandler(Error, (f) => jsonify(String(f)))
    await app.test_client().get('/')
    expect(cleanup).toEqual([null])
  })

  it('passes the unhandled error to teardown_appcontext (test_app_tearing_down_with_unhandled_exception)', async () => {
    const app = makeApp()
    app.config.PROPAGATE_EXCEPTIONS = true
    const cleanup: unknown[] = []
    app.teardown_appcontext((e) => {
      cleanup.push(e)
    })
    app.route('/', () => {
      throw new TypeError('dummy')
    })
    await expect(app.test_client().get('/')).rejects.toThrow('dummy')
    expect(cleanup).toHaveLength(1)
    expect(cleanup[0]).toBeInstanceOf(TypeError)
  })

  it('offers dict methods on g (test_app_ctx_globals_methods)', async () => {
    const app = makeApp()
    await app.app_context(() => {
      expect(g.get('foo')).toBeUndefined()
      expect(g.get('foo', 'bar')).toBe('bar')
      expect('foo' in g).toBe(false)
      g.foo = 'bar'
      expect('foo' in g).toBe(true)
      g.setdefault('bar', 'the cake is a lie')
      g.setdefault('bar', 'hello world')
      expect(g.bar).toBe('the cake is a lie')
      expect(g.pop('bar')).toBe('the cake is a lie')
      expect(() => g.pop('bar')).toThrow(/KeyError/)
      expect(g.pop('bar', 'more cake')).toBe('more cake')
      expect(Object.keys(g)).toEqual(['foo'])
    })
  })

  it('shows g in templates rendered in an app context (test_custom_app_ctx_globals_class)', async () => {
    const app = makeApp()
    await app.app_context(async () => {
      g.spam = 'eggs'
      expect(await render_template_string('<%= g.spam %>')).toBe('eggs')
    })
  })

  it('tears down request then app context (test_context_refcounts)', async () => {
    const app = makeApp()
    const called: string[] = []
    app.teardown_request(() => {
      called.push('request')
    })
    app.teardown_appcontext(() => {
      called.push('app')
    })
    app.route('/', () => '')
    const res = await app.test_client().get('/')
    expect(res.status_code).toBe(200)
    expect(called).toEqual(['request', 'app'])
  })

  it('runs teardown_appcontext for an app context without a request (test_clean_pop)', async () => {
    const app = makeApp()
    app.testing = false
    const called: string[] = []
    app.teardown_request(() => {
      throw new Error('not for app contexts')
    })
    app.teardown_appcontext(() => {
      called.push('TEARDOWN')
    })
    await app.app_context(() => {
      called.push(current_app.name)
    })
    expect(called).toEqual(['flask_test', 'TEARDOWN'])
  })

  it('runs every teardown even when some fail, then raises them together (test_robust_teardown)', async () => {
    const app = makeApp()
    let count = 0
    app.teardown_request(() => {
      count++
      throw new Error('request_teardown')
    })
    app.teardown_appcontext(() => {
      count++
      throw new Error('app_teardown')
    })
    app.get('/', () => '')
    const error = await app
      .test_client()
      .get('/')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AggregateError)
    expect((error as AggregateError).errors).toHaveLength(2)
    expect(count).toBe(2)
  })
})

describe('user error handlers (test_user_error_handler)', () => {
  it('validates keys and wraps unhandled errors for 500 handlers (test_error_handler_no_match)', async () => {
    const app = makeApp()
    class CustomException extends Error {}
    app.errorhandler(CustomException, (e) => {
      expect(e).toBeInstanceOf(CustomException)
      return 'custom'
    })
    expect(() => app.register_error_handler(new CustomException() as never, () => '')).toThrow(
      /is an instance, not a class/,
    )
    expect(() => app.register_error_handler(Array as never, () => '')).toThrow(
      /'Array' is not a subclass of Exception/,
    )
    app.errorhandler(500, (e) => {
      expect(e).toBeInstanceOf(InternalServerError)
      const original = (e as InternalServerError).original_exception
      return original ? `wrapped ${(original as Error).constructor.name}` : 'direct'
    })
    expect(() => app.register_error_handler(999, () => '')).toThrow(/Use a subclass of HTTPException/)
    class KeyError extends Error {}
    raising(app, { '/custom': () => new CustomException(), '/keyerror': () => new KeyError() })
    app.route('/abort', () => abort(500))
    app.testing = false
    const c = app.test_client()
    expect((await c.get('/custom')).text).toBe('custom')
    expect((await c.get('/keyerror')).text).toBe('wrapped KeyError')
    expect((await c.get('/abort')).text).toBe('direct')
  })

  class ParentException extends Error {}
  it.each([
    ['its registered parent class (test_error_handler_subclass)', ParentException, ParentException],
    ['the code handler for HTTP subclasses (test_error_handler_http_subclass)', Forbidden, 403],
  ] as const)('hands an unregistered subclass to %s', async (_, Parent, key) => {
    const app = makeApp()
    const Base = Parent as new () => Error
    class Registered extends Base {}
    class Unregistered extends Base {}
    app.errorhandler(key as typeof ParentException, () => 'parent')
    app.errorhandler(Registered, () => 'registered')
    raising(app, {
      '/parent': () => new Base(),
      '/unregistered': () => new Unregistered(),
      '/registered': () => new Registered(),
    })
    const answers = await bodies(app, ['/parent', '/unregistered', '/registered'])
    expect(answers).toEqual(['parent', 'parent', 'registered'])
  })

  it('prefers the blueprint 500 handler for its routes (test_error_handler_blueprint)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    bp.errorhandler(500, () => 'bp-error')
    bp.route('/error', () => {
      throw new InternalServerError()
    })
    app.errorhandler(500, () => 'app-error')
    app.route('/error', () => {
      throw new InternalServerError()
    })
    app.register_blueprint(bp, { url_prefix: '/bp' })
    const c = app.test_client()
    expect((await c.get('/error')).text).toBe('app-error')
    expect((await c.get('/bp/error')).text).toBe('bp-error')
  })

  it('handles HTTPException generically but not the slash redirect (test_default_error_handler)', async () => {
    const bp = new Blueprint('bp', 'bp')
    bp.errorhandler(HTTPException, (e) => {
      expect(e).toBeInstanceOf(NotFound)
      return 'bp-default'
    })
    bp.errorhandler(Forbidden, () => 'bp-forbidden')
    bp.route('/undefined', () => {
      throw new NotFound()
    })
    bp.route('/forbidden', () => {
      throw new Forbidden()
    })
    const app = new Flask('x', { static_folder: null })
    app.errorhandler(HTTPException, (e) => {
      expect(e).toBeInstanceOf(NotFound)
      return 'default'
    })
    app.errorhandler(Forbidden, () => 'forbidden')
    app.route('/forbidden', () => {
      throw new Forbidden()
    })
    app.route('/slash/', () => 'slash')
    app.register_blueprint(bp, { url_prefix: '/bp' })
    const c = app.test_client()
    expect((await c.get('/bp/undefined')).text).toBe('bp-default')
    expect((await c.get('/bp/forbidden')).text).toBe('bp-forbidden')
    expect((await c.get('/undefined')).text).toBe('default')
    expect((await c.get('/forbidden')).text).toBe('forbidden')
    expect((await c.get('/slash', { follow_redirects: true })).text).toBe('slash')
  })

  describe('generic handlers (TestGenericHandlers)', () => {
    class Custom extends Error {}
    class KeyError extends Error {}
    function generic(): Flask {
      const app = makeApp()
      raising(app, {
        '/custom': () => new Custom(),
        '/error': () => new KeyError(),
        '/raise': () => new InternalServerError(),
      })
      app.route('/abort', () => abort(500))
      app.config.PROPAGATE_EXCEPTIONS = false
      return app
    }
    const report = (e: unknown) => {
      const original = (e as { original_exception?: unknown }).original_exception
      return original
        ? `wrapped ${(original as Error).constructor.name}`
        : `direct ${(e as Error).constructor.name}`
    }

    for (const key of [InternalServerError, 500] as const) {
      it(`gives ${typeof key === 'number' ? '500' : 'InternalServerError'} handlers only InternalServerError (test_handle_class_or_code)`, async () => {
        const app = generic()
        app.errorhandler(key, (e) => {
          expect(e).toBeInstanceOf(InternalServerError)
          return report(e)
        })
        const client = app.test_client()
        expect((await client.get('/custom')).text).toBe('wrapped Custom')
        expect((await client.get('/error')).text).toBe('wrapped KeyError')
        expect((await client.get('/abort')).text).toBe('direct InternalServerError')
        expect((await client.get('/raise')).text).toBe('direct InternalServerError')
      })
    }

    it('gives HTTPException handlers HTTP errors, routing 404s included (test_handle_generic_http)', async () => {
      const app = generic()
      app.errorhandler(HTTPException, (e) => String(e.code))
      const client = app.test_client()
      expect((await client.get('/error')).text).toBe('500')
      expect((await client.get('/abort')).text).toBe('500')
      expect((await client.get('/not-found')).text).toBe('404')
    })

    it('gives Error handlers every error directly (test_handle_generic)', async () => {
      const app = generic()
      app.errorhandler(Error, (e) => report(e))
      const client = app.test_client()
      expect((await client.get('/custom')).text).toBe('direct Custom')
      expect((await client.get('/error')).text).toBe('direct KeyError')
      expect((await client.get('/abort')).text).toBe('direct InternalServerError')
      expect((await client.get('/not-found')).text).toBe('direct NotFound')
    })
  })
})
