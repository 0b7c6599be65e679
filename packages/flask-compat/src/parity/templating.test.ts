import { describe, expect, it } from 'vitest'
import { Blueprint, Flask, g, Markup, render_template, render_template_string, session } from '../index.js'
import { FIXTURES, makeApp } from './setup.js'

const reverse = (s: string) => [...s].reverse().join('')

describe('templates (tests/test_templating.py)', () => {
  it('merges context processor values with the render context (test_context_processing)', async () => {
    const app = makeApp()
    app.context_processor(() => ({ injected_value: 42 }))
    app.route('/', () => render_template('context_template.html', { value: 23 }))
    expect((await app.test_client().get('/')).text).toBe('<p>23|42')
  })

  it('lets the render context win over the standard context (test_original_win)', async () => {
    const app = makeApp()
    app.route('/', () => render_template_string('<%= config %>', { config: 42 }))
    expect((await app.test_client().get('/')).text).toBe('42')
  })

  it('renders without a request, with config and context processors (test_request_less_rendering)', async () => {
    const app = makeApp()
    app.config.WORLD_NAME = 'Special World'
    app.context_processor(() => ({ foo: 42 }))
    const rv = await app.app_context(() =>
      render_template_string('Hello <%= config.WORLD_NAME %> <%= foo %>'),
    )
    expect(rv).toBe('Hello Special World 42')
  })

  // Flask's DEBUG is False by default (make_config reads FLASK_DEBUG); Jinja prints 'False'
  it('prints config.DEBUG as false by default (test_standard_context)', async () => {
    const app = new Flask('flask_test', { root_path: FIXTURES })
    app.config.update({ SECRET_KEY: 'test key' })
    app.route('/', () => {
      g.foo = 23
      session.test = 'aha'
      return render_template_string(
        '<%= request.args.get("foo") %> <%= g.foo %> <%= config.DEBUG %> <%= session.test %>',
      )
    })
    expect((await app.test_client().get('/?foo=42')).text.split(' ')).toEqual(['42', '23', 'false', 'aha'])
  })

  it('gives every template request, g, config and session (test_standard_context)', async () => {
    const app = makeApp()
    app.route('/', () => {
      g.foo = 23
      session.test = 'aha'
      return render_template_string(
        '<%= request.args.get("foo") %> <%= g.foo %> <%= config.TESTING %> <%= session.test %>',
      )
    })
    expect((await app.test_client().get('/?foo=42')).text.split(' ')).toEqual(['42', '23', 'true', 'aha'])
  })

  it('escapes text but not Markup in .html templates, and not with <%~ (test_escaping)', async () => {
    const app = makeApp()
    const text = '<p>Hello World!'
    app.route('/', () => render_template('escaping_template.html', { text, html: new Markup(text) }))
    const lines = (await app.test_client().get('/')).text.split('\n')
    expect(lines.slice(0, 6)).toEqual([
      '&lt;p&gt;Hello World!',
      '<p>Hello World!',
      '<p>Hello World!',
      '<p>Hello World!',
      '&lt;p&gt;Hello World!',
      '<p>Hello World!',
    ])
  })

  it('does not escape in .txt templates (test_no_escaping)', async () => {
    const app = makeApp()
    const text = '<p>Hello World!'
    app.route('/', () => render_template('non_escaping_template.txt', { text, html: new Markup(text) }))
    expect((await app.test_client().get('/')).text.split('\n').slice(0, 2)).toEqual([
      '<p>Hello World!',
      '<p>Hello World!',
    ])
  })

  it('escapes template strings but not mail.txt (test_escaping_without_template_filename)', async () => {
    const app = makeApp()
    const out = await app.test_request_context(async () => [
      await render_template_string('<%= foo %>', { foo: '<test>' }),
      await render_template('mail.txt', { foo: '<test>' }),
    ])
    expect(out).toEqual(['&lt;test&gt;', '<test> Mail'])
  })

  it('registers filters by name and uses them in templates (test_template_filter*, test_add_template_filter*)', async () => {
    const app = makeApp()
    app.template_filter('super_reverse', reverse)
    app.add_template_filter(reverse, 'strrev')
    expect(app.jinja_env.filters.super_reverse).toBe(reverse)
    expect(app.jinja_env.filters.strrev).toBe(reverse)
    app.route('/', () => render_template('template_filter.html', { value: 'abcd' }))
    expect((await app.test_client().get('/')).text).toBe('dcba')
  })

  // test_template_test, test_add_template_test, test_template_test_with_name, *_with_template
  it('registers tests by name and uses them in templates (test_template_test*, test_add_template_test*)', async () => {
    const app = makeApp()
    const boolean = (value: unknown) => typeof value === 'boolean'
    app.template_test('boolean', boolean)
    app.add_template_test(boolean, 'is_boolean')
    expect(app.jinja_env.tests.boolean).toBe(boolean)
    expect(app.jinja_env.tests.is_boolean?.(false as never)).toBe(true)
    app.route('/', () => render_template('template_test.html', { value: false }))
    app.route('/no', () => render_template('template_test.html', { value: 'false' }))
    const client = app.test_client()
    expect((await client.get('/')).text).toContain('Success!')
    expect((await client.get('/no')).text).not.toContain('Success!')
  })

  it('registers a test after the environment exists (test_add_template_test_with_name)', async () => {
    const app = makeApp()
    expect(app.jinja_env.tests.yes_no).toBeUndefined()
    app.add_template_test((value: unknown) => value === 'yes' || value === 'no', 'yes_no')
    const out = await app.app_context(() => render_template_string('<%= tests.yes_no("no") %>'))
    expect(out).toBe('true')
  })

  // Jinja's built-in tests (jinja2/tests.py), e.g. {% if n is divisibleby 3 %}
  it("gives templates Jinja's built-in tests", async () => {
    const app = makeApp()
    const tpl =
      '<%= [tests.odd(3), tests.even(3), tests.divisibleby(9, 3), tests.defined(it.missing), tests.none(null), tests.string("a"), tests.mapping({}), tests.sequence([1]), tests.in(2, [1, 2]), tests.escaped(m), tests.lower("ab"), tests.upper("ab")].join(",") %>'
    const out = await app.app_context(() => render_template_string(tpl, { m: new Markup('x') }))
    expect(out).toBe('true,false,true,false,true,true,true,true,true,true,true,false')
  })

  it('registers globals callable from templates (test_add_template_global)', async () => {
    const app = makeApp()
    const get_stuff = () => 42
    app.template_global('get_stuff', get_stuff)
    app.add_template_global(() => 'get_stuff_2', 'my_get_stuff_custom_name_2')
    expect(app.jinja_env.globals.get_stuff).toBe(get_stuff)
    const out = await app.app_context(async () => [
      await render_template_string('<%= get_stuff() %>'),
      await render_template_string('<%= my_get_stuff_custom_name_2() %>'),
    ])
    expect(out).toEqual(['42', 'get_stuff_2'])
  })

  it('renders a page inside its layout', async () => {
    const app = makeApp()
    app.route('/', () => render_template('page.html', { name: '<Ada>' }))
    expect((await app.test_client().get('/')).text).toBe(
      '<!doctype html><title>T</title><main><p>&lt;Ada&gt;</p></main>',
    )
  })

  it('answers render of a missing template with a 500 page', async () => {
    const app = makeApp()
    app.config.TESTING = false
    app.config.PROPAGATE_EXCEPTIONS = false
    app.route('/', () => render_template('missing.html'))
    expect((await app.test_client().get('/')).status_code).toBe(500)
  })
})

describe('blueprint templates (tests/test_blueprints.py)', () => {
  const withAdmin = () => {
    const app = makeApp()
    const admin = new Blueprint('admin', 'admin', {
      root_path: FIXTURES,
      template_folder: 'bp_templates',
      url_prefix: '/admin',
    })
    admin.route('/', () => render_template('admin/index.html', { name: 'ada' }))
    admin.route('/shadowed', () => render_template('index.html'))
    admin.app_template_filter('upper', (s: string) => s.toUpperCase())
    app.register_blueprint(admin)
    return app
  }

  // test_templates_and_static: a blueprint's template folder is searched after the app's
  it('finds templates in the blueprint folder (test_templates_and_static)', async () => {
    expect((await withAdmin().test_client().get('/admin/')).text).toBe('admin ADA')
  })

  it("lets the app's template folder win over a blueprint's for the same name", async () => {
    expect((await withAdmin().test_client().get('/admin/shadowed')).text).toBe('app index')
  })

  it('registers app_template_filter on the app (test_template_filter)', () => {
    expect(withAdmin().jinja_env.filters.upper).toBeTypeOf('function')
  })

  // tests/test_blueprints.py::test_template_test, test_add_template_test(_with_name)
  it('registers app_template_test and add_app_template_test on the app (test_template_test)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp')
    const boolean = (value: unknown) => typeof value === 'boolean'
    bp.app_template_test('boolean', boolean)
    bp.add_app_template_test(boolean, 'my_boolean')
    bp.route('/', () => render_template('template_test.html', { value: false }))
    app.register_blueprint(bp, { url_prefix: '/py' })
    expect(app.jinja_env.tests.boolean).toBe(boolean)
    expect(app.jinja_env.tests.my_boolean).toBe(boolean)
    expect((await app.test_client().get('/py/')).text).toContain('Success!')
  })

  it('runs blueprint context processors only for that blueprint (test_context_processing)', async () => {
    const app = makeApp()
    const bp = new Blueprint('bp', 'bp', { url_prefix: '/bp' })
    bp.context_processor(() => ({ bp_value: 'bp' }))
    app.context_processor(() => ({ app_value: 'app' }))
    const tpl = '<%= typeof bp_value === "undefined" ? "-" : bp_value %>|<%= app_value %>'
    bp.route('/', () => render_template_string(tpl))
    app.route('/', () => render_template_string(tpl))
    app.register_blueprint(bp)
    const client = app.test_client()
    expect((await client.get('/bp/')).text).toBe('bp|app')
    expect((await client.get('/')).text).toBe('-|app')
  })
})
