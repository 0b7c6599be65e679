import { describe, expect, it } from 'vitest'
import { Flask, escape as flaskEscape, Markup, request, session, url_for } from '../index.js'
import { DispatcherMiddleware, ProxyFix } from '../middleware/index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

describe('the environ middleware attaches', () => {
  it('gives views the forwarded address, scheme, host and prefix behind ProxyFix', async () => {
    const app = makeApp()
    app.get('/', function index() {
      return {
        ip: request.remote_addr,
        root: request.url_root,
        url: url_for('index', { _external: true }),
        path: url_for('index'),
      }
    })
    app.wsgi_app = new ProxyFix(app.wsgi_app, {
      x_for: 1,
      x_proto: 1,
      x_host: 1,
      x_prefix: 1,
    }) as unknown as typeof app.wsgi_app
    const rv = await app.test_client().get('/', {
      headers: {
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'example.com',
        'x-forwarded-prefix': '/app',
      },
    })
    expect(rv.json).toEqual({
      ip: '203.0.113.7',
      root: 'https://example.com/app/',
      url: 'https://example.com/app/',
      path: '/app/',
    })
  })

  it('builds URLs under the prefix of a DispatcherMiddleware mount (SCRIPT_NAME)', async () => {
    const backend = makeApp()
    backend.get('/page', function page() {
      return `${request.script_root}|${url_for('page')}`
    })
    const front = makeApp()
    front.wsgi_app = new DispatcherMiddleware(front.wsgi_app, {
      '/bar': backend,
    }) as unknown as typeof front.wsgi_app
    expect((await front.test_client().get('/bar/page')).text).toBe('/bar|/bar/page')
  })

  it('scopes the session cookie to APPLICATION_ROOT under a prefix (test_session_using_application_root)', async () => {
    const app = makeApp()
    app.config.APPLICATION_ROOT = '/bar'
    app.get('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    app.wsgi_app = new ProxyFix(app.wsgi_app, { x_prefix: 1 }) as unknown as typeof app.wsgi_app
    const rv = await app.test_client().get('/', { headers: { 'x-forwarded-prefix': '/bar' } })
    expect(rv.headers.get('set-cookie')?.toLowerCase()).toContain('path=/bar')
  })
})

describe('helpers Flask code leans on', () => {
  it('builds with the rule taking the most arguments first, by method (test_url_with_method)', async () => {
    const app = makeApp()
    const view = () => 'x'
    app.add_url_rule('/myview/', 'myview', view, { methods: ['GET'] })
    app.add_url_rule('/myview/<int:id>', 'myview', view, { methods: ['PUT'] })
    app.add_url_rule('/myview/create', 'myview', view, { methods: ['POST'] })
    await app.test_request_context(() => {
      expect(url_for('myview', { _method: 'GET' })).toBe('/myview/')
      expect(url_for('myview', { id: 42, _method: 'GET' })).toBe('/myview/?id=42')
      expect(url_for('myview', { id: 42, _method: 'PUT' })).toBe('/myview/42')
      // no _method: the request's method (GET) is tried first, as werkzeug's default_method
      expect(url_for('myview', { id: 42 })).toBe('/myview/?id=42')
      expect(url_for('myview', { _method: 'POST' })).toBe('/myview/create')
    })
  })

  it('leaves Markup alone in escape() and sends Markup as HTML text', async () => {
    expect(String(flaskEscape(new Markup('<b>ok</b>')))).toBe('<b>ok</b>')
    expect(String(flaskEscape('<b>'))).toBe('&lt;b&gt;')
    const app = makeApp()
    app.get('/', () => flaskEscape('<i>'))
    const rv = await app.test_client().get('/')
    expect([rv.text, rv.mimetype]).toEqual(['&lt;i&gt;', 'text/html'])
  })
})
