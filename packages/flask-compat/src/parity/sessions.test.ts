import { describe, expect, it } from 'vitest'
import { request, session } from '../index.js'
import { makeApp } from './setup.js'

const cookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('session=')) ?? ''

describe('sessions (tests/test_basic.py, tests/test_session_interface.py)', () => {
  // test_session_accessed: Vary: Cookie only when the session was read or written
  it('adds Vary: Cookie only when the session was touched (test_session_accessed)', async () => {
    const app = makeApp()
    app.post('/', () => {
      session.value = request.form.get('value')
      return 'value set'
    })
    app.get('/', () => String(session.value ?? 'None'))
    app.get('/nothing', () => '')
    const client = app.test_client()
    expect((await client.get('/nothing')).headers.get('vary') ?? '').not.toMatch(/cookie/i)
    const set = await client.post('/', { data: { value: '42' } })
    expect(set.text).toBe('value set')
    expect(set.headers.get('vary')).toMatch(/cookie/i)
    const read = await client.get('/')
    expect(read.text).toBe('42')
    expect(read.headers.get('vary')).toMatch(/cookie/i)
    expect(read.headers.getSetCookie()).toEqual([])
    expect((await client.get('/nothing')).headers.get('vary') ?? '').not.toMatch(/cookie/i)
  })

  it('scopes the cookie to APPLICATION_ROOT (test_session_path)', async () => {
    const app = makeApp()
    app.config.APPLICATION_ROOT = '/foo'
    app.route('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    const rv = await app.test_client().get('/')
    expect(cookieOf(rv.headers).toLowerCase()).toContain('path=/foo')
  })

  it('writes the SESSION_COOKIE_* settings and clears with the same ones (test_session_using_session_settings)', async () => {
    const app = makeApp()
    app.config.update({
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
      delete session.testing
      return 'Goodbye World'
    })
    const client = app.test_client()
    const set = cookieOf(
      (await client.get('/', { base_url: 'https://www.example.com/' })).headers,
    ).toLowerCase()
    expect(set).toMatch(/domain=\.?example\.com/)
    expect(set).toContain('path=/')
    expect(set).toContain('secure')
    expect(set).not.toContain('httponly')
    expect(set).toContain('samesite=lax')
    expect(set).toContain('partitioned')
    const cleared = cookieOf(
      (await client.get('/clear', { base_url: 'https://www.example.com/' })).headers,
    ).toLowerCase()
    expect(cleared).toMatch(/^session=;/)
    expect(cleared).toMatch(/domain=\.?example\.com/)
    expect(cleared).toContain('secure')
    expect(cleared).toContain('partitioned')
  })

  it('writes SameSite as configured and refuses an invalid value (test_session_using_samesite_attribute)', async () => {
    const app = makeApp()
    app.route('/', () => {
      session.testing = 42
      return 'Hello World'
    })
    const client = app.test_client()
    app.config.SESSION_COOKIE_SAMESITE = null
    expect(cookieOf((await client.get('/')).headers).toLowerCase()).not.toContain('samesite')
    app.config.SESSION_COOKIE_SAMESITE = 'Strict'
    expect(cookieOf((await client.get('/')).headers).toLowerCase()).toContain('samesite=strict')
    app.config.SESSION_COOKIE_SAMESITE = 'Lax'
    expect(cookieOf((await client.get('/')).headers).toLowerCase()).toContain('samesite=lax')
    app.config.SESSION_COOKIE_SAMESITE = 'invalid'
    app.config.TESTING = false
    app.config.PROPAGATE_EXCEPTIONS = false
    expect((await client.get('/')).status_code).toBe(500)
  })

  it('reads without a secret key but refuses to write (test_missing_session)', async () => {
    const app = makeApp()
    app.secret_key = null
    const out = await app.test_request_context(() => {
      const missing = session.missing_key ?? null
      let error = ''
      try {
        session.foo = 42
      } catch (e) {
        error = String(e)
      }
      return { missing, error }
    })
    expect(out.missing).toBeNull()
    expect(out.error).toContain('session is unavailable')
  })

  it('reads sessions signed with SECRET_KEY_FALLBACKS (test_session_secret_key_fallbacks)', async () => {
    const app = makeApp()
    app.post('/', () => {
      session.a = 1
      return ''
    })
    app.get('/', () => ({ ...session }))
    const client = app.test_client()
    app.secret_key = '0 key'
    app.config.SECRET_KEY_FALLBACKS = ['-1 key', '-2 key']
    await client.post('/')
    expect((await client.get('/')).get_json()).toEqual({ a: 1 })
    app.secret_key = '? key'
    expect((await client.get('/')).get_json()).toEqual({})
    app.secret_key = '+1 key'
    app.config.SECRET_KEY_FALLBACKS = ['0 key', '-1 key']
    expect((await client.get('/')).get_json()).toEqual({ a: 1 })
  })

  it('sets Expires for permanent sessions only (test_session_expiration)', async () => {
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
    const expires = /expires=([^;]+)/i.exec(cookieOf(rv.headers))?.[1] ?? ''
    const expected = new Date(Date.now() + 31 * 24 * 3600 * 1000)
    expect(new Date(expires).toISOString().slice(0, 10)).toBe(expected.toISOString().slice(0, 10))
    expect((await client.get('/test')).text).toBe('true')
    permanent = false
    expect(cookieOf((await client.get('/')).headers)).not.toMatch(/expires=/i)
  })

  it('saves changes an after_request hook makes (test_session_stored_last)', async () => {
    const app = makeApp()
    app.after_request((response) => {
      session.foo = 42
      return response
    })
    app.route('/', () => String(session.foo ?? 'None'))
    const client = app.test_client()
    expect((await client.get('/')).text).toBe('None')
    expect((await client.get('/')).text).toBe('42')
  })

  it('keeps nested values and types through the cookie (test_session_special_types)', async () => {
    const app = makeApp()
    const now = new Date(Date.UTC(2024, 0, 2, 3, 4, 5))
    app.route('/set', () => {
      session.m = { list: [1, 'two', null], nested: { t: true } }
      session.when = now
      return ''
    })
    app.route('/get', () => ({ m: session.m, when: (session.when as Date).toISOString() }))
    const client = app.test_client()
    await client.get('/set')
    expect((await client.get('/get')).get_json()).toEqual({
      m: { list: [1, 'two', null], nested: { t: true } },
      when: now.toISOString(),
    })
  })

  it('deletes the cookie when the session is emptied', async () => {
    const app = makeApp()
    app.route('/set', () => {
      session.x = 1
      return ''
    })
    app.route('/clear', () => {
      delete session.x
      return ''
    })
    const client = app.test_client()
    await client.get('/set')
    const cleared = cookieOf((await client.get('/clear')).headers)
    expect(cleared).toMatch(/^session=;/)
    expect(cleared).toMatch(/expires=Thu, 01 Jan 1970 00:00:00 GMT|max-age=0/i)
  })

  it('lets session_transaction prepare the session the next request reads', async () => {
    const app = makeApp()
    app.route('/', () => String(session.user))
    const client = app.test_client()
    await client.session_transaction((s) => {
      s.user = 'ada'
    })
    expect((await client.get('/')).text).toBe('ada')
  })
})
