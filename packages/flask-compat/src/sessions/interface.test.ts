import { describe, expect, it } from 'vitest'
import { SecureCookieSessionInterface, type SessionApp, SessionInterface } from './interface.js'
import { createSession, type Session } from './session.js'

/** One request through a session interface: open, run the view, save; the cookie jar is kept. */
function client(iface: SessionInterface, app: SessionApp) {
  let jar = ''
  return async (view: (s: Session) => void | Response = () => {}) => {
    const request = new Request('http://localhost/', { headers: jar ? { cookie: jar } : {} })
    const session = (await iface.open_session(app, request)) ?? iface.make_null_session(app)
    const returned = view(session)
    let response = returned instanceof Response ? returned : new Response('')
    if (!iface.is_null_session(session))
      response = (await iface.save_session(app, session, response)) ?? response
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0]!
      jar = /Max-Age=0/.test(setCookie) ? '' : pair
    }
    return { response, session, setCookie, vary: response.headers.get('vary') }
  }
}

const makeApp = (
  config: Record<string, unknown> = {},
  secret_key: string | null = 'test key',
): SessionApp => ({
  secret_key,
  config,
})

describe('SecureCookieSessionInterface', () => {
  it('stores data in a cookie and reads it on the next request', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    const first = await get((s) => {
      s.value = '42'
    })
    expect(first.setCookie).toMatch(/^session=[\w.-]+; HttpOnly; Path=\/$/)
    const second = await get()
    expect(second.session.value).toBe('42')
  })

  // flask tests/test_basic.py::test_session_accessed
  it('adds Vary: Cookie only when the session was accessed', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    expect((await get()).vary).toBeNull()
    const set = await get((s) => {
      s.value = '42'
    })
    expect(set.vary).toBe('Cookie')
    const read = await get((s) => {
      s.get('value')
    })
    expect(read.vary).toBe('Cookie')
    expect(read.setCookie).toBeNull()
    expect(read.session.modified).toBe(false)
    expect((await get()).vary).toBeNull()
  })

  // flask tests/test_basic.py::test_session_path
  it('uses APPLICATION_ROOT as the cookie path when SESSION_COOKIE_PATH is unset', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp({ APPLICATION_ROOT: '/foo' }))
    const { setCookie } = await get((s) => {
      s.testing = 42
    })
    expect(setCookie!.toLowerCase()).toContain('path=/foo')
  })

  // flask tests/test_basic.py::test_session_using_session_settings
  it('applies the SESSION_COOKIE_* settings to set and delete cookies', async () => {
    const app = makeApp({
      APPLICATION_ROOT: '/test',
      SESSION_COOKIE_DOMAIN: '.example.com',
      SESSION_COOKIE_HTTPONLY: false,
      SESSION_COOKIE_SECURE: true,
      SESSION_COOKIE_PARTITIONED: true,
      SESSION_COOKIE_SAMESITE: 'Lax',
      SESSION_COOKIE_PATH: '/',
    })
    const get = client(new SecureCookieSessionInterface(), app)
    const set = (
      await get((s) => {
        s.testing = 42
      })
    ).setCookie!.toLowerCase()
    expect(set).toContain('domain=example.com')
    expect(set).toContain('path=/')
    expect(set).toContain('secure')
    expect(set).not.toContain('httponly')
    expect(set).toContain('samesite=lax')
    expect(set).toContain('partitioned')
    const cleared = (await get((s) => void s.pop('testing', null))).setCookie!.toLowerCase()
    expect(cleared).toMatch(
      /^session=; domain=example.com; expires=thu, 01 jan 1970 00:00:00 gmt; max-age=0; secure;/,
    )
    expect(cleared).toContain('samesite=lax')
    expect(cleared).toContain('partitioned')
  })

  // flask tests/test_basic.py::test_session_using_samesite_attribute
  it('rejects an invalid SameSite value and writes Strict/Lax/none as configured', async () => {
    const write = (samesite: unknown) =>
      client(
        new SecureCookieSessionInterface(),
        makeApp({ SESSION_COOKIE_SAMESITE: samesite }),
      )((s) => {
        s.testing = 42
      })
    await expect(write('invalid')).rejects.toThrow(/SameSite must be/)
    expect((await write(null)).setCookie!.toLowerCase()).not.toContain('samesite')
    expect((await write('Strict')).setCookie!.toLowerCase()).toContain('samesite=strict')
    expect((await write('lax')).setCookie!.toLowerCase()).toContain('samesite=lax')
  })

  // flask tests/test_basic.py::test_missing_session
  it('gives no session (so the null session is used) without a secret key', async () => {
    const iface = new SecureCookieSessionInterface()
    expect(await iface.open_session(makeApp({}, null), new Request('http://x/'))).toBeNull()
  })

  // flask tests/test_basic.py::test_session_secret_key_fallbacks
  it('reads sessions signed with SECRET_KEY_FALLBACKS and loses them when the key is unknown', async () => {
    const app = makeApp({ SECRET_KEY_FALLBACKS: ['-1 key', '-2 key'] }, '0 key')
    const get = client(new SecureCookieSessionInterface(), app)
    await get((s) => {
      s.a = 1
    })
    expect((await get()).session.toJSON()).toEqual({ a: 1 })
    app.secret_key = '? key'
    expect((await get()).session.toJSON()).toEqual({})
    app.secret_key = '+1 key'
    app.config = { SECRET_KEY_FALLBACKS: ['0 key', '-1 key'] }
    expect((await get()).session.toJSON()).toEqual({ a: 1 })
  })

  // flask tests/test_basic.py::test_session_expiration
  it('gives permanent sessions an Expires of now + PERMANENT_SESSION_LIFETIME, others none', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    const { setCookie } = await get((s) => {
      s.test = 42
      s.permanent = true
    })
    const expires = new Date(/Expires=([^;]+)/.exec(setCookie!)![1]!)
    const expected = new Date(Date.now() + 31 * 24 * 3600 * 1000)
    expect(Math.abs(expires.getTime() - expected.getTime())).toBeLessThan(5000)
    expect((await get()).session.permanent).toBe(true)
    const browserSession = await get((s) => {
      s.test = 43
      s.permanent = false
    })
    expect(browserSession.setCookie).not.toMatch(/expires=/i)
  })

  it('treats a cookie older than PERMANENT_SESSION_LIFETIME as an empty session', async () => {
    const iface = new SecureCookieSessionInterface()
    const app = makeApp({ PERMANENT_SESSION_LIFETIME: 60 })
    iface.now = () => 1000
    const get = client(iface, app)
    await get((s) => {
      s.a = 1
    })
    iface.now = () => 1061
    expect((await get()).session.toJSON()).toEqual({})
  })

  // flask tests/test_basic.py::test_session_cookie_setting
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ])(
    'permanent=%s with SESSION_REFRESH_EACH_REQUEST=%s sets the cookie on a read-only request: %s',
    async (permanent, refresh, expectHeader) => {
      const get = client(
        new SecureCookieSessionInterface(),
        makeApp({ SESSION_REFRESH_EACH_REQUEST: refresh }),
      )
      for (let i = 0; i < 3; i++) {
        await get((s) => {
          s.foo = (s.get('foo', 0) as number) + 1
          s.permanent = permanent
        })
      }
      const read = await get((s) => void s.get('foo'))
      expect(read.setCookie !== null).toBe(expectHeader)
      expect(read.session.foo).toBe(3)
    },
  )

  // flask tests/test_basic.py::test_session_vary_cookie
  it.each([
    [
      'set',
      (s: Session) => {
        s.test = 'test'
      },
      'Cookie',
    ],
    ['get', (s: Session) => void s.get('test'), 'Cookie'],
    ['getitem', (s: Session) => void s.test, 'Cookie'],
    ['setdefault', (s: Session) => void s.setdefault('test', 'default'), 'Cookie'],
    ['clear', (s: Session) => s.clear(), 'Cookie'],
    ['no-vary-header', () => {}, null],
  ])('Vary after the "%s" view is as Flask sets it, exactly once', async (_name, view, vary) => {
    const { vary: got } = await client(new SecureCookieSessionInterface(), makeApp())(view)
    expect(got).toBe(vary)
  })

  // flask tests/test_basic.py::test_session_vary_cookie (vary-header-set, vary-cookie-header-set)
  it('appends Cookie to an existing Vary header and never duplicates it', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    const withOthers = await get((s) => {
      s.test = 'test'
      return new Response('', { headers: { vary: 'Accept-Encoding, Accept-Language' } })
    })
    expect(withOthers.vary).toBe('Accept-Encoding, Accept-Language, Cookie')
    const withCookie = await get((s) => {
      s.test = 'test'
      return new Response('', { headers: { vary: 'Cookie' } })
    })
    expect(withCookie.vary).toBe('Cookie')
  })

  // flask tests/test_basic.py::test_session_refresh_vary
  it('adds Vary: Cookie when refreshing a permanent session the view did not touch', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    expect(
      (
        await get((s) => {
          s.user_id = 1
          s.permanent = true
        })
      ).vary,
    ).toBe('Cookie')
    expect((await get()).vary).toBe('Cookie')
  })

  it('deletes the cookie when a stored session became empty, and writes nothing for an untouched empty one', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    await get((s) => {
      s.a = 1
    })
    const cleared = await get((s) => void delete s.a)
    expect(cleared.setCookie).toBe(
      'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/',
    )
    expect((await get()).setCookie).toBeNull()
  })

  it.each([
    ['garbage', 'not-a-cookie'],
    ['bad signature', 'eyJhIjoxfQ.ZVPxAA.AAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['bad compression', '.AAAA.ZVPxAA.AAAA'],
    ['quoted junk', '"\\012"'],
  ])('answers a tampered cookie (%s) with a fresh empty session', async (_n, value) => {
    const s = await new SecureCookieSessionInterface().open_session(
      makeApp(),
      new Request('http://x/', { headers: { cookie: `session=${value}` } }),
    )
    expect(s!.toJSON()).toEqual({})
  })

  it('uses SESSION_COOKIE_NAME and reads config through get() for Map-like configs', async () => {
    const config = new Map<string, unknown>([['SESSION_COOKIE_NAME', 'sid']])
    const get = client(new SecureCookieSessionInterface(), { secret_key: 'k', config })
    const { setCookie } = await get((s) => {
      s.a = 1
    })
    expect(setCookie).toMatch(/^sid=/)
    expect((await get()).session.a).toBe(1)
  })

  it('copies a response whose headers are immutable before setting the cookie', async () => {
    const get = client(new SecureCookieSessionInterface(), makeApp())
    const { response, setCookie } = await get((s) => {
      s.a = 1
      return Response.redirect('http://localhost/next', 302)
    })
    expect(response.status).toBe(302)
    expect(setCookie).toMatch(/^session=/)
  })
})

// flask tests/test_session_interface.py — a replacement interface (here a server-side store)
describe('a server-side session store replacing the cookie interface', () => {
  class MemoryStore extends SessionInterface {
    readonly sessions = new Map<string, Record<string, unknown>>()
    #next = 0
    override open_session(_app: SessionApp, request: Request): Session {
      const sid = /(?:^|; )sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1]
      const session = createSession(sid ? this.sessions.get(sid) : null)
      session.new = !sid || !this.sessions.has(sid)
      sidOf.set(session, sid && this.sessions.has(sid) ? sid : `s${++this.#next}`)
      session.modified = false
      session.accessed = false
      return session
    }
    override save_session(_app: SessionApp, session: Session, response: Response): void {
      const sid = sidOf.get(session)!
      this.sessions.set(sid, session.toJSON())
      if (session.new) response.headers.append('set-cookie', `sid=${sid}; HttpOnly; Path=/`)
    }
  }
  const sidOf = new WeakMap<object, string>()

  it('keeps data on the server and only an id in the cookie', async () => {
    const store = new MemoryStore()
    const get = client(store, makeApp())
    const first = await get((s) => {
      s.cart = ['apple']
    })
    expect(first.setCookie).toBe('sid=s1; HttpOnly; Path=/')
    const second = await get((s) => {
      ;(s.cart as string[]).push('pear')
    })
    expect(second.session.new).toBe(false)
    expect(store.sessions.get('s1')).toEqual({ cart: ['apple', 'pear'] })
  })
})
