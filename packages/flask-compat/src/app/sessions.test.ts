// Session and flashing cases ported from Flask's tests/test_basic.py (test_session_*, test_flashes).
import { describe, expect, it } from 'vitest'
import { Flask, flash, get_flashed_messages, Markup, Response, request, session } from '../index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

const setCookie = (res: { headers: Headers }) => res.headers.get('set-cookie')?.toLowerCase() ?? ''
const varies = (res: { headers: Headers }) => (res.headers.get('vary') ?? '').toLowerCase().split(/,\s*/)

describe('sessions wired into requests (test_basic)', () => {
  it('adds Vary: Cookie only when the session was read or written (test_session_accessed)', async () => {
    const app = makeApp()
    app.post('/', function do_set() {
      session.value = request.form.get('value')
      return 'value set'
    })
    app.get('/', function do_get() {
      return String(session.get('value', 'None'))
    })
    app.get('/nothing', () => '')
    const client = app.test_client()
    expect(varies(await client.get('/nothing'))).not.toContain('cookie')
    const set = await client.post('/', { data: { value: '42' } })
    expect(set.text).toBe('value set')
    expect(varies(set)).toContain('cookie')
    const get = await client.get('/')
    expect(get.text).toBe('42')
    expect(varies(get)).toContain('cookie')
    const nothing = await client.get('/nothing')
    expect(nothing.text).toBe('')
    expect(varies(nothing)).not.toContain('cookie')
  })

  it('sets the cookie path from APPLICATION_ROOT (test_session_path)', async () => {
    const app = makeApp()
    app.config.APPLICATION_ROOT = '/foo'
    app.route('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    expect(setCookie(await app.test_client().get('/', { base_url: 'http://example.com:8080/' }))).toContain(
      'path=/foo',
    )
  })

  it('applies the SESSION_COOKIE_* settings when setting and clearing (test_session_using_session_settings)', async () => {
    const app = makeApp()
    app.config.update({
      SERVER_NAME: 'www.example.com:8080',
      APPLICATION_ROOT: '/test',
      SESSION_COOKIE_DOMAIN: '.example.com',
      SESSION_COOKIE_HTTPONLY: false,
      SESSION_COOKIE_SECURE: true,
      SESSION_COOKIE_PARTITIONED: true,
      SESSION_COOKIE_SAMESITE: 'Lax',
      SESSION_COOKIE_PATH: '/',
    })
    app.route('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    app.route('/clear', () => {
      session.pop('testing', null)
      return 'Goodbye World'
    })
    const client = app.test_client()
    let cookie = setCookie(await client.get('/', { base_url: 'http://www.example.com:8080/' }))
    expect(cookie).toContain('domain=example.com')
    expect(cookie).toContain('path=/')
    expect(cookie).toContain('secure')
    expect(cookie).not.toContain('httponly')
    expect(cookie).toContain('samesite')
    expect(cookie).toContain('partitioned')
    cookie = setCookie(await client.get('/clear', { base_url: 'http://www.example.com:8080/' }))
    expect(cookie).toContain('session=;')
    expect(cookie).toContain('domain=example.com')
    expect(cookie).toContain('partitioned')
  })

  it('validates and writes SameSite (test_session_using_samesite_attribute)', async () => {
    const app = makeApp()
    app.route('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    const client = app.test_client()
    app.config.SESSION_COOKIE_SAMESITE = 'invalid'
    await expect(client.get('/')).rejects.toThrow(/SameSite/)
    app.config.SESSION_COOKIE_SAMESITE = null
    expect(setCookie(await client.get('/'))).not.toContain('samesite')
    app.config.SESSION_COOKIE_SAMESITE = 'Strict'
    expect(setCookie(await client.get('/'))).toContain('samesite=strict')
    app.config.SESSION_COOKIE_SAMESITE = 'Lax'
    expect(setCookie(await client.get('/'))).toContain('samesite=lax')
  })

  it('gives a read-only null session without a secret key (test_missing_session)', async () => {
    const app = makeApp()
    app.secret_key = null
    await app.test_request_context(() => {
      expect(session.get('missing_key')).toBeUndefined()
      expect(() => {
        session.foo = 42
      }).toThrow(/session is unavailable/)
      expect(() => session.pop('foo')).toThrow(/session is unavailable/)
    })
  })

  it('reads sessions signed with fallback keys (test_session_secret_key_fallbacks)', async () => {
    const app = makeApp()
    app.post('/', () => {
      session.a = 1
      return ''
    })
    app.get('/', () => session.toJSON())
    const client = app.test_client()
    app.secret_key = '0 key'
    app.config.SECRET_KEY_FALLBACKS = ['-1 key', '-2 key']
    await client.post('/')
    expect((await client.get('/')).json).toEqual({ a: 1 })
    app.secret_key = '? key'
    expect((await client.get('/')).json).toEqual({})
    app.secret_key = '+1 key'
    app.config.SECRET_KEY_FALLBACKS = ['0 key', '-1 key']
    expect((await client.get('/')).json).toEqual({ a: 1 })
  })

  it('sets Expires only for permanent sessions (test_session_expiration)', async () => {
    const app = makeApp()
    let permanent = true
    app.route('/', () => {
      session.test = 42
      session.permanent = permanent
      return ''
    })
    app.route('/test', () => String(session.permanent))
    const client = app.test_client()
    const rv = await client.get('/')
    const match = /expires=([^;]+)/i.exec(rv.headers.get('set-cookie') ?? '')
    const expected = new Date(Date.now() + 31 * 24 * 3600 * 1000)
    const expires = new Date(match![1]!)
    expect([expires.getUTCFullYear(), expires.getUTCMonth(), expires.getUTCDate()]).toEqual([
      expected.getUTCFullYear(),
      expected.getUTCMonth(),
      expected.getUTCDate(),
    ])
    expect((await client.get('/test')).text).toBe('true')
    permanent = false
    const again = await client.get('/')
    expect(again.headers.get('set-cookie')).not.toBeNull()
    expect(again.headers.get('set-cookie')).not.toMatch(/expires=/i)
  })

  it('saves changes made in after_request (test_session_stored_last)', async () => {
    const app = makeApp()
    app.after_request((response) => {
      session.foo = 42
      return response
    })
    app.route('/', () => String(session.get('foo') ?? 'None'))
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('None')
    expect((await client.get('/')).text).toBe('42')
  })

  it('round-trips Markup and nested tag-like keys (test_session_special_types)', async () => {
    const app = makeApp()
    app.route('/', () => {
      session.m = new Markup('<html>')
      session.t_tag = { ' t': 'not-a-tuple' }
      session.di_tag = { ' di': 'not-a-dict' }
      return ['', 204]
    })
    app.route('/read', () => {
      const m = session.m
      return { markup: m instanceof Markup ? m.__html__() : null, t: session.t_tag, di: session.di_tag }
    })
    const client = app.test_client()
    await client.get('/')
    expect((await client.get('/read')).json).toEqual({
      markup: '<html>',
      t: { ' t': 'not-a-tuple' },
      di: { ' di': 'not-a-dict' },
    })
  })

  const settings: [boolean, boolean, boolean][] = [
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ]
  for (const [permanent, refresh, expectHeader] of settings) {
    it(`refreshes the cookie on read: permanent=${permanent} refresh=${refresh} (test_session_cookie_setting)`, async () => {
      const app = makeApp()
      app.config.SESSION_REFRESH_EACH_REQUEST = refresh
      app.route('/bump', () => {
        const rv = ((session.get('foo', 0) as number) + 1) as number
        session.foo = rv
        session.permanent = permanent
        return String(rv)
      })
      app.route('/read', () => String(session.get('foo', 0)))
      const c = app.test_client()
      expect((await c.get('/bump')).text).toBe('1')
      expect((await c.get('/bump')).text).toBe('2')
      expect((await c.get('/bump')).text).toBe('3')
      const rv = await c.get('/read')
      expect(rv.headers.get('set-cookie') !== null).toBe(expectHeader)
      expect(rv.text).toBe('3')
    })
  }

  it('writes Vary once, merged with existing values (test_session_vary_cookie)', async () => {
    const app = makeApp()
    app.route('/set', () => {
      session.test = 'test'
      return ''
    })
    app.route('/get', () => String(session.get('test')))
    app.route('/getitem', () => String(session.test))
    app.route('/setdefault', () => String(session.setdefault('test', 'default')))
    app.route('/clear', () => {
      session.clear()
      return ''
    })
    app.route('/vary-cookie-header-set', () => {
      const response = new Response()
      response.vary.add('Cookie')
      session.test = 'test'
      return response
    })
    app.route('/vary-header-set', () => {
      const response = new Response()
      response.vary.update(['Accept-Encoding', 'Accept-Language'])
      session.test = 'test'
      return response
    })
    app.route('/no-vary-header', () => '')
    const client = app.test_client()
    const expectVary = async (path: string, value: string | null = 'Cookie') => {
      const rv = await client.get(path)
      expect(rv.headers.get('vary')).toBe(value)
    }
    await expectVary('/set')
    await expectVary('/get')
    await expectVary('/getitem')
    await expectVary('/setdefault')
    await expectVary('/clear')
    await expectVary('/vary-cookie-header-set')
    await expectVary('/vary-header-set', 'Accept-Encoding, Accept-Language, Cookie')
    await expectVary('/no-vary-header', null)
  })

  it('varies on Cookie when a permanent session is refreshed (test_session_refresh_vary)', async () => {
    const app = makeApp()
    app.get('/login', () => {
      session.user_id = 1
      session.permanent = true
      return ''
    })
    app.get('/ignored', () => '')
    const client = app.test_client()
    expect((await client.get('/login')).headers.get('vary')).toBe('Cookie')
    expect((await client.get('/ignored')).headers.get('vary')).toBe('Cookie')
  })

  it('lets the test client edit the session (session_transaction)', async () => {
    const app = makeApp()
    app.get('/', () => String(session.get('user')))
    const client = app.test_client()
    await client.session_transaction((s) => {
      s.user = 'ada'
    })
    expect((await client.get('/')).text).toBe('ada')
  })
})

describe('flashing through the request (test_basic)', () => {
  it('marks the session modified when flashing (test_flashes)', async () => {
    const app = makeApp()
    await app.test_request_context(() => {
      expect(session.modified).toBe(false)
      flash('Zap')
      session.modified = false
      flash('Zip')
      expect(session.modified).toBe(true)
      expect(get_flashed_messages()).toEqual(['Zap', 'Zip'])
    })
  })

  it('shows messages on the next request with categories and filters (test_extended_flashing)', async () => {
    const app = makeApp()
    app.route('/', () => {
      flash('Hello World')
      flash('Hello World', 'error')
      flash(new Markup('<em>Testing</em>'), 'warning')
      return ''
    })
    app.route('/test/', () => get_flashed_messages().map(String))
    app.route('/test_with_categories/', () =>
      get_flashed_messages({ with_categories: true }).map(([c, m]) => [c, String(m)]),
    )
    app.route('/test_filter/', () =>
      get_flashed_messages({ category_filter: ['message'], with_categories: true }),
    )
    app.route('/test_filters/', () =>
      get_flashed_messages({ category_filter: ['message', 'warning'] }).map(String),
    )
    const client = app.test_client()
    await client.get('/')
    expect((await client.get('/test/')).json).toEqual(['Hello World', 'Hello World', '<em>Testing</em>'])
    await client.get('/')
    expect((await client.get('/test_with_categories/')).json).toEqual([
      ['message', 'Hello World'],
      ['error', 'Hello World'],
      ['warning', '<em>Testing</em>'],
    ])
    await client.get('/')
    expect((await client.get('/test_filter/')).json).toEqual([['message', 'Hello World']])
    await client.get('/')
    expect((await client.get('/test_filters/')).json).toEqual(['Hello World', '<em>Testing</em>'])
  })
})
