import { describe, expect, it } from 'vitest'
import { request, session, url_for } from '../index.js'
import { DispatcherMiddleware, environOf, ProxyFix, setEnviron, WsgiMiddleware } from '../middleware/index.js'
import type { FetchHandler } from '../middleware/types.js'
import { makeApp } from './setup.js'

const ALL = { x_for: 1, x_proto: 1, x_host: 1, x_port: 1, x_prefix: 1 }
const FORWARDED = {
  'x-forwarded-for': '192.168.0.1',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'eggs',
  'x-forwarded-port': '443',
  'x-forwarded-prefix': '/ham',
}

function seeingApp() {
  const app = makeApp()
  app.route('/parrot', { endpoint: 'parrot' }, () => 'parrot')
  app.route('/', () => ({
    scheme: request.scheme,
    host: request.host,
    url: request.url,
    url_root: request.url_root,
    remote_addr: request.remote_addr,
    external: url_for('parrot', { _external: true }),
  }))
  return app
}

describe('Flask middleware: app.wsgi_app = new ProxyFix(app.wsgi_app, ...)', () => {
  // werkzeug tests/middleware/test_proxy_fix.py::test_proxy_fix ("all"), seen through Flask's request
  it('gives views the forwarded scheme and host', async () => {
    const app = seeingApp()
    app.wsgi_app = new ProxyFix(app.wsgi_app, ALL)
    const rv = await app.test_client().get('/', { headers: { ...FORWARDED, host: 'spam:9000' } })
    // The forwarded prefix is the script root, so the URL carries it, as Flask's request.url does.
    expect(rv.get_json()).toMatchObject({ scheme: 'https', host: 'eggs', url: 'https://eggs/ham/' })
  })

  // Compared with Flask 3.1: the slash redirect keeps the forwarded prefix; an absolute
  // redirect_to is joined onto the host only (werkzeug's urljoin), so it drops the prefix.
  it('redirects to the slash URL under the forwarded prefix, and redirect_to onto the host', async () => {
    const app = makeApp()
    app.add_url_rule('/dir/', 'dir', () => 'dir')
    app.add_url_rule('/old', 'old', undefined, { redirect_to: '/dir/' })
    app.wsgi_app = new ProxyFix(app.wsgi_app, ALL)
    const client = app.test_client()
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'eggs', 'x-forwarded-prefix': '/ham' }
    const slash = await client.get('/dir?x=1', { headers })
    expect([slash.status_code, slash.headers.get('location')]).toEqual([308, 'https://eggs/ham/dir/?x=1'])
    const moved = await client.get('/old', { headers })
    expect([moved.status_code, moved.headers.get('location')]).toEqual([308, 'https://eggs/dir/'])
  })

  it('leaves requests alone when no forwarded header is trusted', async () => {
    const app = seeingApp()
    app.wsgi_app = new ProxyFix(app.wsgi_app)
    const rv = await app.test_client().get('/', { headers: { 'x-forwarded-host': 'evil' } })
    expect(rv.get_json()).toMatchObject({ scheme: 'http', host: 'localhost' })
  })

  // werkzeug test_proxy_fix.py ("all"); answers compared with Flask 3.1 behind ProxyFix
  it('gives views the forwarded remote_addr and prefix (request.remote_addr, url_root, url_for)', async () => {
    const app = seeingApp()
    app.wsgi_app = new ProxyFix(app.wsgi_app, ALL)
    const rv = await app.test_client().get('/', { headers: { ...FORWARDED, host: 'spam:9000' } })
    expect(rv.get_json()).toEqual({
      scheme: 'https',
      host: 'eggs',
      url: 'https://eggs/ham/',
      url_root: 'https://eggs/ham/',
      remote_addr: '192.168.0.1',
      external: 'https://eggs/ham/parrot',
    })
  })

  it('trusts the last x_for hop, keeps a non-default forwarded port and drops the prefix slash', async () => {
    const app = seeingApp()
    app.wsgi_app = new ProxyFix(app.wsgi_app, ALL)
    const rv = await app.test_client().get('/?a=1', {
      headers: {
        ...FORWARDED,
        'x-forwarded-for': '192.168.0.1, 10.0.0.1',
        'x-forwarded-port': '8443',
        'x-forwarded-prefix': '/ham/',
      },
    })
    expect(rv.get_json()).toEqual({
      scheme: 'https',
      host: 'eggs:8443',
      url: 'https://eggs:8443/ham/?a=1',
      url_root: 'https://eggs:8443/ham/',
      remote_addr: '10.0.0.1',
      external: 'https://eggs:8443/ham/parrot',
    })
  })

  it('lets a plain WsgiMiddleware subclass wrap the app and see every response', async () => {
    class Stamp extends WsgiMiddleware {
      constructor(readonly app: FetchHandler) {
        super()
      }
      async __call__(req: Request, env?: unknown, ctx?: unknown): Promise<Response> {
        const res = await this.app(req, env, ctx)
        const out = new Response(res.body, res)
        out.headers.set('x-stamp', '1')
        return out
      }
    }
    const app = seeingApp()
    app.wsgi_app = new Stamp(app.wsgi_app)
    const rv = await app.test_client().get('/missing')
    expect(rv.status_code).toBe(404)
    expect(rv.headers.get('x-stamp')).toBe('1')
  })

  // test_basic.py::test_session_using_application_root: a middleware sets SCRIPT_NAME
  it('scopes the session cookie to the SCRIPT_NAME a middleware sets (test_session_using_application_root)', async () => {
    class PrefixPathMiddleware extends WsgiMiddleware {
      constructor(
        readonly app: FetchHandler,
        readonly prefix: string,
      ) {
        super()
      }
      async __call__(req: Request, env?: unknown, ctx?: unknown): Promise<Response> {
        return await this.app(setEnviron(req, { ...environOf(req), script_root: this.prefix }), env, ctx)
      }
    }
    const app = makeApp()
    app.wsgi_app = new PrefixPathMiddleware(app.wsgi_app, '/bar')
    app.config.update({ APPLICATION_ROOT: '/bar' })
    app.route('/', function index() {
      session.testing = 42
      return { root: request.script_root, self: url_for('index'), url: request.url }
    })
    const rv = await app.test_client().get('http://example.com:8080/')
    expect(rv.headers.get('set-cookie')?.toLowerCase()).toContain('path=/bar')
    expect(rv.get_json()).toEqual({ root: '/bar', self: '/bar/', url: 'http://example.com:8080/bar/' })
  })

  it('keeps the environ a middleware attaches on the request the app receives', async () => {
    const app = seeingApp()
    let seen: unknown
    const inner = app.wsgi_app
    app.wsgi_app = async (req, env, ctx) => {
      seen = environOf(req)
      return inner(req, env, ctx)
    }
    app.wsgi_app = new ProxyFix(app.wsgi_app, ALL)
    await app.test_client().get('/', { headers: FORWARDED })
    expect(seen).toMatchObject({
      remote_addr: '192.168.0.1',
      script_root: '/ham',
      scheme: 'https',
      host: 'eggs',
    })
  })
})

describe('DispatcherMiddleware with Flask apps', () => {
  it('serves two Flask apps under one fetch handler, each seeing its own paths', async () => {
    const frontend = makeApp()
    frontend.route('/', () => 'frontend')
    const backend = makeApp()
    backend.route('/users/<int:id>', ({ id }) => ({ id, path: request.path }))
    frontend.wsgi_app = new DispatcherMiddleware(frontend.wsgi_app, { '/api': backend })
    const client = frontend.test_client()
    expect((await client.get('/')).text).toBe('frontend')
    expect((await client.get('/api/users/7')).get_json()).toEqual({ id: 7, path: '/users/7' })
    expect((await client.get('/api/missing')).status_code).toBe(404)
  })

  // werkzeug test_dispatcher.py, seen through Flask (compared with Flask 3.1)
  it('gives the mounted app the prefix as request.script_root and in url_for', async () => {
    const back = makeApp()
    back.route('/page', function page() {
      return {
        script_root: request.script_root,
        path: request.path,
        url: request.url,
        url_root: request.url_root,
        rel: url_for('page'),
        ext: url_for('page', { _external: true }),
      }
    })
    const front = makeApp()
    front.wsgi_app = new DispatcherMiddleware(front.wsgi_app, { '/bar': back })
    expect((await front.test_client().get('/bar/page?x=1')).get_json()).toEqual({
      script_root: '/bar',
      path: '/page',
      url: 'http://localhost/bar/page?x=1',
      url_root: 'http://localhost/bar/',
      rel: '/bar/page',
      ext: 'http://localhost/bar/page',
    })
  })

  it('passes the environ a server set before the middleware', async () => {
    const backend = makeApp()
    const seen: unknown[] = []
    const handler: FetchHandler = async (req) => {
      seen.push(environOf(req))
      return new Response('ok')
    }
    const dispatcher = new DispatcherMiddleware(backend, { '/x': handler })
    await dispatcher(setEnviron(new Request('http://localhost/x/y'), { remote_addr: '10.0.0.1' }))
    expect(seen).toEqual([{ remote_addr: '10.0.0.1', script_root: '/x' }])
  })
})
