import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  abort,
  BuildError,
  exceptions,
  escape as flaskEscape,
  Markup,
  redirect,
  render_template_string,
  request,
  send_file,
  send_from_directory,
  stream_with_context,
  Unauthorized,
  url_for,
} from '../index.js'
import { FIXTURES, makeApp } from './setup.js'

describe('send_file and send_from_directory in an app (tests/test_helpers.py::TestSendfile)', () => {
  // test_send_file: a relative path starts at app.root_path; mimetype from the name
  it('sends static/index.html relative to the root path as text/html', async () => {
    const app = makeApp()
    app.get('/', () => send_file('static/index.html'))
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(200)
    expect(rv.mimetype).toBe('text/html')
    expect(rv.text).toBe(readFileSync(join(FIXTURES, 'static/index.html'), 'utf8'))
  })

  // test_static_file: max_age is None by default, SEND_FILE_MAX_AGE_DEFAULT applies to both paths
  it('uses no max-age by default and SEND_FILE_MAX_AGE_DEFAULT when set, for send_file and the static route', async () => {
    const app = makeApp()
    app.get('/direct', () => send_file('static/index.html'))
    const client = app.test_client()
    expect((await client.get('/static/index.html')).headers.get('cache-control')).toBe('no-cache')
    expect((await client.get('/direct')).headers.get('cache-control')).toBe('no-cache')
    app.config.SEND_FILE_MAX_AGE_DEFAULT = 3600
    expect((await client.get('/static/index.html')).headers.get('cache-control')).toBe('public, max-age=3600')
    expect((await client.get('/direct')).headers.get('cache-control')).toBe('public, max-age=3600')
  })

  // test_static_file (StaticFileApp): an app's get_send_file_max_age overrides the config
  it('asks the app for get_send_file_max_age when it defines one', async () => {
    const app = makeApp()
    Object.assign(app, { get_send_file_max_age: () => 10 })
    app.get('/direct', () => send_file('static/index.html'))
    expect((await app.test_client().get('/direct')).headers.get('cache-control')).toBe('public, max-age=10')
  })

  // test_send_from_directory
  it('sends a file from a directory relative to the root path', async () => {
    const app = makeApp()
    app.get('/u/<path:name>', ({ name }) => send_from_directory('uploads', name))
    const rv = await app.test_client().get('/u/hello.txt')
    expect(rv.text.trim()).toBe('Hello Upload')
  })

  // werkzeug send_file through the app: conditional answers use the current request
  it('answers a conditional request made to the app with 304 and a range with 206', async () => {
    const app = makeApp()
    const client = app.test_client()
    const first = await client.get('/static/hello.txt')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"\d+(\.\d+)?-12-\d+"$/)
    expect((await client.get('/static/hello.txt', { headers: { 'if-none-match': etag } })).status_code).toBe(
      304,
    )
    const part = await client.get('/static/hello.txt', { headers: { range: 'bytes=6-' } })
    expect(part.status_code).toBe(206)
    expect(part.text).toBe('Static')
    expect(part.headers.get('content-range')).toBe('bytes 6-11/12')
  })

  it('renders an unsatisfiable range as werkzeug 416 page with Content-Range', async () => {
    const rv = await makeApp()
      .test_client()
      .get('/static/hello.txt', { headers: { range: 'bytes=50-' } })
    expect(rv.status_code).toBe(416)
    expect(rv.headers.get('content-range')).toBe('bytes */12')
    expect(rv.text).toContain('<title>416 Requested Range Not Satisfiable</title>')
  })

  it('serves nested static files with their mimetype', async () => {
    const rv = await makeApp().test_client().get('/static/sub/site.css')
    expect(rv.status_code).toBe(200)
    expect(rv.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })
})

describe('url_for (tests/test_helpers.py::TestUrlFor, test_basic.py::test_url_generation)', () => {
  const withIndex = () => {
    const app = makeApp()
    app.route('/', { endpoint: 'index' }, () => '42')
    return app
  }

  it('quotes the anchor (test_url_for_with_anchor)', async () => {
    const app = withIndex()
    expect(await app.test_request_context(() => url_for('index', { _anchor: 'x y' }))).toBe('/#x%20y')
  })

  it('builds an external URL with a scheme (test_url_for_with_scheme)', async () => {
    const app = withIndex()
    const url = await app.test_request_context(() => url_for('index', { _external: true, _scheme: 'https' }))
    expect(url).toBe('https://localhost/')
  })

  it('makes a URL with _scheme external, and refuses _scheme with _external false (test_url_for_with_scheme_not_external)', async () => {
    const app = withIndex()
    expect(await app.test_request_context(() => url_for('index', { _scheme: 'https' }))).toBe(
      'https://localhost/',
    )
    await expect(
      app.test_request_context(() => url_for('index', { _scheme: 'https', _external: false })),
    ).rejects.toThrow()
  })

  it('does not keep a scheme between calls (test_url_for_with_alternating_schemes)', async () => {
    const app = withIndex()
    const urls = await app.test_request_context(() => [
      url_for('index', { _external: true }),
      url_for('index', { _external: true, _scheme: 'https' }),
      url_for('index', { _external: true }),
    ])
    expect(urls).toEqual(['http://localhost/', 'https://localhost/', 'http://localhost/'])
  })

  it('picks the rule by _method and by the given arguments (test_url_with_method)', async () => {
    const app = makeApp()
    const view = () => 'x'
    app.add_url_rule('/myview/', 'myview', view, { methods: ['GET'] })
    app.add_url_rule('/myview/<int:id>', 'myview', view, { methods: ['GET'] })
    app.add_url_rule('/myview/create', 'myview', view, { methods: ['POST'] })
    const urls = await app.test_request_context(() => [
      url_for('myview', { _method: 'GET' }),
      url_for('myview', { id: 42, _method: 'GET' }),
      url_for('myview', { _method: 'POST' }),
      url_for('myview', { id: 42 }),
    ])
    expect(urls).toEqual(['/myview/', '/myview/42', '/myview/create', '/myview/42'])
  })

  // werkzeug's MapAdapter tries the request's method first when no _method is given
  // (checked against Flask 3.1: a POST request builds '/myview/create?id=42')
  it('prefers rules serving the request method when no _method is given', async () => {
    const app = makeApp()
    const view = () => 'x'
    app.add_url_rule('/myview/', 'myview', view, { methods: ['GET'] })
    app.add_url_rule('/myview/<int:id>', 'myview', view, { methods: ['PUT'] })
    app.add_url_rule('/myview/create', 'myview', view, { methods: ['POST'] })
    const build = () => [url_for('myview', { id: 42 }), url_for('myview')]
    expect(await app.test_request_context('/', { method: 'GET' }, build)).toEqual([
      '/myview/?id=42',
      '/myview/',
    ])
    expect(await app.test_request_context('/', { method: 'POST' }, build)).toEqual([
      '/myview/create?id=42',
      '/myview/create',
    ])
    expect(await app.test_request_context('/', { method: 'PUT' }, build)).toEqual(['/myview/42', '/myview/'])
  })

  // werkzeug's build_compare_key: among equal argument counts, the rule with more defaults wins
  it('builds a rule whose default equals the value without a query string', async () => {
    const app = makeApp()
    const view = () => 'x'
    app.add_url_rule('/a/', 'e', view, { defaults: { page: 1 } })
    app.add_url_rule('/a/<int:page>', 'e', view)
    const urls = await app.test_request_context(() => [
      url_for('e'),
      url_for('e', { page: 1 }),
      url_for('e', { page: 2 }),
    ])
    expect(urls).toEqual(['/a/', '/a/', '/a/2'])
  })

  it('picks the rule by _method (test_url_with_method, without arguments)', async () => {
    const app = makeApp()
    const view = () => 'x'
    app.add_url_rule('/myview/', 'myview', view, { methods: ['GET'] })
    app.add_url_rule('/myview/create', 'myview', view, { methods: ['POST'] })
    const urls = await app.test_request_context(() => [
      url_for('myview', { _method: 'GET' }),
      url_for('myview', { _method: 'POST' }),
    ])
    expect(urls).toEqual(['/myview/', '/myview/create'])
  })

  it('accepts a variable named self (test_url_for_with_self)', async () => {
    const app = makeApp()
    app.route('/<self>', { endpoint: 'index' }, () => '42')
    expect(await app.test_request_context(() => url_for('index', { self: '2' }))).toBe('/2')
  })

  it('puts extra values in the query string and builds static URLs (test_url_generation)', async () => {
    const app = makeApp()
    app.route('/hello/<name>', { methods: ['POST'], endpoint: 'hello' }, () => '')
    const urls = await app.test_request_context(() => [
      url_for('hello', { name: 'test x' }),
      url_for('hello', { name: 'test x', _external: true }),
      url_for('static', { filename: 'index.html' }),
      url_for('hello', { name: 'a', q: 'x y', n: 1 }),
    ])
    expect(urls).toEqual([
      '/hello/test%20x',
      'http://localhost/hello/test%20x',
      '/static/index.html',
      '/hello/a?q=x+y&n=1',
    ])
  })

  it('raises BuildError for an unknown endpoint (test_build_error_handler)', async () => {
    const app = makeApp()
    await expect(app.test_request_context(() => url_for('spam'))).rejects.toBeInstanceOf(BuildError)
  })

  it('lets a url_build_error_handler answer instead (test_build_error_handler)', async () => {
    const app = makeApp()
    app.url_build_error_handlers.push(() => '/test_handler/')
    expect(await app.test_request_context(() => url_for('spam'))).toBe('/test_handler/')
  })
})

describe('redirect and abort (tests/test_helpers.py)', () => {
  it('builds a redirect without an app (test_redirect_no_app)', () => {
    const rv = redirect('https://localhost', 307)
    expect(rv.status_code).toBe(307)
    expect(rv.headers.get('location')).toBe('https://localhost')
  })

  it('answers with 302 and werkzeug redirect page with the URL escaped', async () => {
    const app = makeApp()
    app.get('/r', () => redirect('/target?x=1&y=2'))
    const rv = await app.test_client().get('/r')
    expect(rv.status_code).toBe(302)
    expect(rv.location).toBe('/target?x=1&y=2')
    // measured with Flask 2.2.2 / werkzeug 2.2.2
    expect(rv.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
        '<p>You should be redirected automatically to the target URL: <a href="/target?x=1&amp;y=2">/target?x=1&amp;y=2</a>. If not, click the link.\n',
    )
  })

  // werkzeug 3 writes escape(location) in both places of the page (2.2.2 quoted the href)
  it('percent-encodes a space in an absolute Location and shows the location in the page', async () => {
    const app = makeApp()
    app.get('/r', () => redirect('https://example.com/a b', 301))
    const rv = await app.test_client().get('/r')
    expect(rv.status_code).toBe(301)
    expect(rv.location).toBe('https://example.com/a%20b')
    expect(rv.text).toContain('<a href="https://example.com/a b">https://example.com/a b</a>')
  })

  it('raises Unauthorized for 401 and a lookup error for an unknown code (test_abort_no_app)', () => {
    expect(() => abort(401)).toThrow(Unauthorized)
    expect(() => abort(900)).toThrow(exceptions.LookupError)
  })

  it('renders abort(401, description) with the description escaped', async () => {
    const app = makeApp()
    app.get('/', () => abort(401, 'Custom <b>desc</b>'))
    const rv = await app.test_client().get('/')
    expect(rv.status_code).toBe(401)
    expect(rv.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>401 Unauthorized</title>\n<h1>Unauthorized</h1>\n<p>Custom &lt;b&gt;desc&lt;/b&gt;</p>\n',
    )
  })

  it('sends a Response given to abort as is', async () => {
    const app = makeApp()
    app.get('/', () => abort(new Response('teapot', { status: 418 })))
    const rv = await app.test_client().get('/')
    expect([rv.status_code, rv.text]).toEqual([418, 'teapot'])
  })
})

describe('escape and Markup (markupsafe behaviour used by Flask)', () => {
  it.each([
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;'],
    ["it's & more", 'it&#39;s &amp; more'],
    ['plain', 'plain'],
  ])('escapes %s', (input, expected) => {
    expect(String(flaskEscape(input))).toBe(expected)
  })

  // markupsafe tests/test_markupsafe.py::test_escape and test_html_interop (compared with markupsafe 3.0)
  it('leaves Markup unescaped in escape(), and takes __html__() from safe objects', () => {
    const safe = new Markup('<b>ok</b>')
    expect(String(flaskEscape(safe))).toBe('<b>ok</b>')
    expect(String(flaskEscape(flaskEscape('<i>')))).toBe('&lt;i&gt;')
    class Awesome extends Markup {
      override __html__(): string {
        return '<em>awesome</em>'
      }
    }
    const sub = flaskEscape(new Awesome('awesome'))
    expect([sub instanceof Markup, String(sub)]).toEqual([true, '<em>awesome</em>'])
    const foo = { __html__: () => '<em>awesome</em>', toString: () => 'awesome' }
    expect(String(flaskEscape(foo))).toBe('<em>awesome</em>')
    expect(String(new Markup(foo))).toBe('<em>awesome</em>')
  })

  it('leaves Markup unescaped in templates', async () => {
    const app = makeApp()
    app.get('/', () => render_template_string('<%= html %>', { html: new Markup('<b>ok</b>') }))
    expect((await app.test_client().get('/')).text).toBe('<b>ok</b>')
  })
})

describe('streaming (tests/test_helpers.py::TestStreaming)', () => {
  // test_streaming_with_context: the generator reads request while the response streams
  it('keeps the request available while a generator streams (test_streaming_with_context)', async () => {
    const app = makeApp()
    app.route('/', () => {
      function* generate() {
        yield 'Hello '
        yield String(request.args.get('name'))
        yield '!'
      }
      return stream_with_context(generate())
    })
    const rv = await app.test_client().get('/?name=World')
    expect(rv.text).toBe('Hello World!')
  })

  it('streams an async generator in order', async () => {
    const app = makeApp()
    app.route('/', () =>
      (async function* () {
        for (const part of ['a', 'b', 'c']) yield part
      })(),
    )
    expect((await app.test_client().get('/')).text).toBe('abc')
  })
})
