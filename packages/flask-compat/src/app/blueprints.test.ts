// Cases ported from Flask's tests/test_blueprints.py; each names the upstream test it mirrors.
import { describe, expect, it } from 'vitest'
import { abort, Blueprint, Flask, g, render_template_string, request, url_for } from '../index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

describe('blueprint error handlers (test_blueprints)', () => {
  it('scopes error handlers to their blueprint (test_blueprint_specific_error_handling)', async () => {
    const app = makeApp()
    const frontend = new Blueprint('frontend', 'frontend')
    const backend = new Blueprint('backend', 'backend')
    const sideend = new Blueprint('sideend', 'sideend')
    frontend.errorhandler(403, () => ['frontend says no', 403])
    frontend.route('/frontend-no', () => abort(403))
    backend.errorhandler(403, () => ['backend says no', 403])
    backend.route('/backend-no', () => abort(403))
    sideend.route('/what-is-a-sideend', () => abort(403))
    app.register_blueprint(frontend)
    app.register_blueprint(backend)
    app.register_blueprint(sideend)
    app.errorhandler(403, () => ['application itself says no', 403])
    const client = app.test_client()
    expect((await client.get('/frontend-no')).text).toBe('frontend says no')
    expect((await client.get('/backend-no')).text).toBe('backend says no')
    expect((await client.get('/what-is-a-sideend')).text).toBe('application itself says no')
  })

  it('handles user errors by decorator and register_error_handler (test_blueprint_specific_user_error_handling)', async () => {
    const app = makeApp()
    class MyDecoratorException extends Error {}
    class MyFunctionException extends Error {}
    const blue = new Blueprint('blue', 'blue')
    blue.errorhandler(MyDecoratorException, () => 'boom')
    blue.register_error_handler(MyFunctionException, () => 'bam')
    blue.route('/decorator', () => {
      throw new MyDecoratorException()
    })
    blue.route('/function', () => {
      throw new MyFunctionException()
    })
    app.register_blueprint(blue)
    const client = app.test_client()
    expect((await client.get('/decorator')).text).toBe('boom')
    expect((await client.get('/function')).text).toBe('bam')
  })

  it('registers app-wide handlers from a blueprint (test_blueprint_app_error_handling)', async () => {
    const app = makeApp()
    const errors = new Blueprint('errors', 'errors')
    errors.app_errorhandler(403, () => ['you shall not pass', 403])
    app.route('/forbidden', () => abort(403))
    const forbidden_bp = new Blueprint('forbidden_bp', 'forbidden_bp')
    forbidden_bp.route('/nope', () => abort(403))
    app.register_blueprint(errors)
    app.register_blueprint(forbidden_bp)
    const client = app.test_client()
    expect((await client.get('/forbidden')).text).toBe('you shall not pass')
    expect((await client.get('/nope')).text).toBe('you shall not pass')
  })
})

describe('blueprint URLs (test_blueprints)', () => {
  const cases: [string, string, string][] = [
    ['', '/', '/'],
    ['/', '', '/'],
    ['/', '/', '/'],
    ['/foo', '', '/foo'],
    ['/foo/', '', '/foo/'],
    ['', '/bar', '/bar'],
    ['/foo/', '/bar', '/foo/bar'],
    ['/foo/', 'bar', '/foo/bar'],
    ['/foo', '/bar', '/foo/bar'],
    ['/foo/', '//bar', '/foo/bar'],
    ['/foo//', '/bar', '/foo/bar'],
  ]
  for (const [prefix, rule, url] of cases) {
    it(`joins prefix '${prefix}' and rule '${rule}' into ${url} (test_blueprint_prefix_slash)`, async () => {
      const app = makeApp()
      const bp = new Blueprint('test', 'test', { url_prefix: prefix })
      bp.route(rule, function index() {
        return ['', 204]
      })
      app.register_blueprint(bp)
      expect((await app.test_client().get(url)).status_code).toBe(204)
    })
  }

  it('passes registration url_defaults and rule defaults to views (test_blueprint_url_defaults)', async () => {
    const app = makeApp()
    const bp = new Blueprint('test', 'test')
    bp.route('/foo', { defaults: { baz: 42 } }, function foo(args: Record<string, unknown>) {
      return `${args.bar}/${args.baz}`
    })
    bp.route('/bar', function bar(args: Record<string, unknown>) {
      return String(args.bar)
    })
    app.register_blueprint(bp, { url_prefix: '/1', url_defaults: { bar: 23 } })
    app.register_blueprint(bp, { name: 'test2', url_prefix: '/2', url_defaults: { bar: 19 } })
    const client = app.test_client()
    expect((await client.get('/1/foo')).text).toBe('23/42')
    expect((await client.get('/2/foo')).text).toBe('19/42')
    expect((await client.get('/1/bar')).text).toBe('23')
    expect((await client.get('/2/bar')).text).toBe('19')
  })

  it('runs blueprint url processors with relative url_for (test_blueprint_url_processors)', async () => {
    const app = makeApp()
    const bp = new Blueprint('frontend', 'frontend', { url_prefix: '/<lang_code>' })
    bp.url_defaults((_e, values) => {
      values.lang_code ??= g.lang_code
    })
    bp.url_value_preprocessor((_e, values) => {
      g.lang_code = values?.lang_code
      delete values?.lang_code
    })
    bp.route('/', function index() {
      return url_for('.about')
    })
    bp.route('/about', function about() {
      return url_for('.index')
    })
    app.register_blueprint(bp)
    const client = app.test_client()
    expect((await client.get('/de/')).text).toBe('/de/about')
    expect((await client.get('/de/about')).text).toBe('/de/')
  })

  it('refuses dotted and empty names (test_dotted_name_not_allowed, test_empty_name_not_allowed)', () => {
    expect(() => new Blueprint('app.ui', 'x')).toThrow(/dot/)
    expect(() => new Blueprint('', 'x')).toThrow(/empty/)
  })

  it('builds URLs across app and blueprint endpoints (test_dotted_names_from_app)', async () => {
    const app = makeApp()
    const test = new Blueprint('test', 'test')
    app.route('/', function app_index() {
      return url_for('test.index')
    })
    test.route('/test/', function index() {
      return url_for('app_index')
    })
    app.register_blueprint(test)
    expect((await app.test_client().get('/')).text).toBe('/test/')
  })

  it('serves one view from a defaulted and a converted rule (test_empty_url_defaults)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const something = ({ page }: { page: number }) => String(page)
    bp.route('/', { defaults: { page: 1 } }, something as never)
    bp.route('/page/<int:page>', something)
    app.register_blueprint(bp)
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('1')
    expect((await client.get('/page/2')).text).toBe('2')
  })

  it('prefixes endpoints with the blueprint name (test_route_decorator_custom_endpoint)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    bp.route('/foo', function foo() {
      return request.endpoint!
    })
    bp.route('/bar', { endpoint: 'bar' }, function foo_bar() {
      return request.endpoint!
    })
    bp.route('/bar/123', { endpoint: '123' }, function foo_bar_foo() {
      return request.endpoint!
    })
    bp.route('/bar/foo', function bar_foo() {
      return request.endpoint!
    })
    app.register_blueprint(bp, { url_prefix: '/py' })
    app.route('/', function index() {
      return request.endpoint!
    })
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('index')
    expect((await client.get('/py/foo')).text).toBe('bp.foo')
    expect((await client.get('/py/bar')).text).toBe('bp.bar')
    expect((await client.get('/py/bar/123')).text).toBe('bp.123')
    expect((await client.get('/py/bar/foo')).text).toBe('bp.bar_foo')
  })

  it('refuses dotted endpoints on blueprints (test_route_decorator_custom_endpoint_with_dots)', () => {
    const bp = new Blueprint('bp', 'bp')
    expect(() => bp.route('/', { endpoint: 'a.b' }, () => '')).toThrow(/dot/)
    expect(() => bp.add_url_rule('/', 'a.b')).toThrow(/dot/)
    const view = () => ''
    Object.defineProperty(view, 'name', { value: 'a.b' })
    expect(() => bp.add_url_rule('/', null, view)).toThrow(/dot/)
  })
})

describe('blueprint hooks and templates (test_blueprints)', () => {
  it('uses blueprint-local and app-wide context processors (test_context_processing)', async () => {
    const app = makeApp()
    const answer_bp = new Blueprint('answer_bp', 'answer_bp')
    const page = () =>
      render_template_string(
        "<% if (typeof notanswer !== 'undefined') { %><%= notanswer %> is not the answer. <% } %><% if (typeof answer !== 'undefined') { %><%= answer %> is the answer.<% } %>",
      )
    answer_bp.app_context_processor(() => ({ notanswer: 43 }))
    answer_bp.context_processor(() => ({ answer: 42 }))
    answer_bp.route('/bp', page)
    app.route('/', page)
    app.register_blueprint(answer_bp)
    const client = app.test_client()
    const appPage = (await client.get('/')).text
    const bpPage = (await client.get('/bp')).text
    expect(appPage).toContain('43')
    expect(appPage).not.toContain('42')
    expect(bpPage).toContain('42')
    expect(bpPage).toContain('43')
  })

  it('adds app template globals from a blueprint (test_template_global)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const get_answer = bp.app_template_global('get_answer', () => 42)
    expect('get_answer' in app.jinja_env.globals).toBe(false)
    app.register_blueprint(bp)
    expect(app.jinja_env.globals.get_answer).toBe(get_answer)
    await app.app_context(async () => {
      expect(await render_template_string('<%= get_answer() %>')).toBe('42')
    })
  })

  it('adds app template filters from a blueprint (test_template_filter_with_template)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    bp.app_template_filter('super_reverse', (s: string) => [...s].reverse().join(''))
    app.register_blueprint(bp, { url_prefix: '/py' })
    app.route('/', () => render_template_string('<%= filters.super_reverse(value) %>', { value: 'dcba' }))
    expect((await app.test_client().get('/')).text).toBe('abcd')
  })

  it('adds a filter registered after the route (test_template_filter_after_route_with_template)', async () => {
    const app = makeApp()
    app.route('/', () => render_template_string('<%= filters.super_reverse(value) %>', { value: 'dcba' }))
    const bp = new Blueprint('bp', 'bp')
    bp.app_template_filter('super_reverse', (s: string) => [...s].reverse().join(''))
    app.register_blueprint(bp, { url_prefix: '/py' })
    expect((await app.test_client().get('/')).text).toBe('abcd')
  })

  it('runs blueprint before/after/teardown hooks for its routes (test_request_processing)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const evts: string[] = []
    bp.before_request(() => {
      evts.push('before')
    })
    bp.after_request((response) => {
      response.set_data(`${response.get_data({ as_text: true })}|after`)
      evts.push('after')
      return response
    })
    bp.teardown_request(() => {
      evts.push('teardown')
    })
    bp.route('/bp', () => 'request')
    app.register_blueprint(bp)
    expect(evts).toEqual([])
    expect((await app.test_client().get('/bp')).text).toBe('request|after')
    expect(evts).toEqual(['before', 'after', 'teardown'])
  })

  it('runs app-wide hooks declared on a blueprint for every request (test_app_request_processing)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const evts: string[] = []
    bp.before_app_request(() => {
      evts.push('before')
    })
    bp.after_app_request((response) => {
      response.set_data(`${response.get_data({ as_text: true })}|after`)
      evts.push('after')
      return response
    })
    bp.teardown_app_request(() => {
      evts.push('teardown')
    })
    app.register_blueprint(bp)
    app.route('/', () => 'request')
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('request|after')
    expect(evts).toEqual(['before', 'after', 'teardown'])
    expect((await client.get('/')).text).toBe('request|after')
    expect(evts).toEqual(['before', 'after', 'teardown', 'before', 'after', 'teardown'])
  })

  it('registers app-wide url processors from a blueprint (test_app_url_processors)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    bp.app_url_defaults((_e, values) => {
      values.lang_code ??= g.lang_code
    })
    bp.app_url_value_preprocessor((_e, values) => {
      g.lang_code = values?.lang_code
      delete values?.lang_code
    })
    app.route('/<lang_code>/', function index() {
      return url_for('about')
    })
    app.route('/<lang_code>/about', function about() {
      return url_for('index')
    })
    app.register_blueprint(bp)
    const client = app.test_client()
    expect((await client.get('/de/')).text).toBe('/de/about')
    expect((await client.get('/de/about')).text).toBe('/de/')
  })

  it('nests blueprints with prefixes and inherited error handlers (test_nested_blueprint)', async () => {
    const app = makeApp()
    const parent = new Blueprint('parent', 'parent')
    const child = new Blueprint('child', 'child')
    const grandchild = new Blueprint('grandchild', 'grandchild')
    parent.errorhandler(403, () => ['Parent no', 403])
    parent.route('/', function parent_index() {
      return 'Parent yes'
    })
    parent.route('/no', function parent_no() {
      return abort(403)
    })
    child.route('/', function child_index() {
      return 'Child yes'
    })
    child.route('/no', function child_no() {
      return abort(403)
    })
    grandchild.errorhandler(403, () => ['Grandchild no', 403])
    grandchild.route('/', function grandchild_index() {
      return 'Grandchild yes'
    })
    grandchild.route('/no', function grandchild_no() {
      return abort(403)
    })
    child.register_blueprint(grandchild, { url_prefix: '/grandchild' })
    parent.register_blueprint(child, { url_prefix: '/child' })
    app.register_blueprint(parent, { url_prefix: '/parent' })
    const client = app.test_client()
    expect((await client.get('/parent/')).text).toBe('Parent yes')
    expect((await client.get('/parent/child/')).text).toBe('Child yes')
    expect((await client.get('/parent/child/grandchild/')).text).toBe('Grandchild yes')
    expect((await client.get('/parent/no')).text).toBe('Parent no')
    expect((await client.get('/parent/child/no')).text).toBe('Parent no')
    expect((await client.get('/parent/child/grandchild/no')).text).toBe('Grandchild no')
  })

  it('orders nested hooks app, parent, child and context processors innermost last (test_nested_callback_order)', async () => {
    const app = makeApp()
    const parent = new Blueprint('parent', 'parent')
    const child = new Blueprint('child', 'child')
    const seen = () => g.setdefault<string[]>('seen', [])
    for (const [scope, name] of [
      [app, 'app'],
      [parent, 'parent'],
      [child, 'child'],
    ] as const) {
      for (const n of [1, 2]) {
        scope.before_request(() => {
          seen().push(`${name}_${n}`)
        })
        scope.teardown_request(() => {
          expect(seen().pop()).toBe(`${name}_${n}`)
        })
      }
      scope.context_processor(() => ({ key: name }))
    }
    child.route('/a', function a() {
      return (g.seen as string[]).join(', ')
    })
    child.route('/b', function b() {
      return render_template_string('<%= key %>')
    })
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    const client = app.test_client()
    expect((await client.get('/a')).text).toBe('app_1, app_2, parent_1, parent_2, child_1, child_2')
    expect((await client.get('/b')).text).toBe('child')
  })

  const prefixes: [string | null, string | null, string | null, string | null][] = [
    ['/parent', '/child', null, null],
    ['/parent', null, null, '/child'],
    [null, null, '/parent', '/child'],
    ['/other', '/something', '/parent', '/child'],
  ]
  for (const [parentInit, childInit, parentReg, childReg] of prefixes) {
    it(`nests prefixes ${parentInit}/${childInit} registered as ${parentReg}/${childReg} (test_nesting_url_prefixes)`, async () => {
      const app = makeApp()
      const parent = new Blueprint('parent', 'parent', { url_prefix: parentInit })
      const child = new Blueprint('child', 'child', { url_prefix: childInit })
      child.route('/', function index() {
        return 'index'
      })
      parent.register_blueprint(child, { url_prefix: childReg })
      app.register_blueprint(parent, { url_prefix: parentReg })
      expect((await app.test_client().get('/parent/child/')).status_code).toBe(200)
    })
  }

  it('requires unique names per registration (test_unique_blueprint_names)', () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const bp2 = new Blueprint('bp', 'bp')
    app.register_blueprint(bp)
    expect(() => app.register_blueprint(bp)).toThrow(/already registered for this blueprint/)
    app.register_blueprint(bp, { name: 'again' })
    expect(() => app.register_blueprint(bp2)).toThrow(/a different blueprint/)
    app.register_blueprint(bp2, { name: 'alt' })
  })

  it('refuses to register a blueprint on itself (test_self_registration)', () => {
    const bp = new Blueprint('bp', 'bp')
    expect(() => bp.register_blueprint(bp)).toThrow()
  })

  it('renames blueprints and their children (test_blueprint_renaming)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const bp2 = new Blueprint('bp2', 'bp2')
    bp.get('/', function index() {
      return request.endpoint!
    })
    bp.get('/error', function error() {
      return abort(403)
    })
    bp.errorhandler(403, () => ['Error', 403])
    bp2.get('/', function index2() {
      return request.endpoint!
    })
    bp.register_blueprint(bp2, { url_prefix: '/a', name: 'sub' })
    app.register_blueprint(bp, { url_prefix: '/a' })
    app.register_blueprint(bp, { url_prefix: '/b', name: 'alt' })
    const client = app.test_client()
    expect((await client.get('/a/')).text).toBe('bp.index')
    expect((await client.get('/b/')).text).toBe('alt.index')
    expect((await client.get('/a/a/')).text).toBe('bp.sub.index2')
    expect((await client.get('/b/a/')).text).toBe('alt.sub.index2')
    expect((await client.get('/a/error')).text).toBe('Error')
    expect((await client.get('/b/error')).text).toBe('Error')
  })
})
