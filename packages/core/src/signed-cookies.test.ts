import { getSignedCookie as honoGetSignedCookie } from 'hono/cookie'
import { describe, expect, it } from 'vitest'
import { App } from './app.js'
import { getSignedCookie, setSignedCookie, signValue, unsignValue } from './signed-cookies.js'

function cookieFrom(res: Response): string {
  return res.headers.get('set-cookie')!.split(';')[0]!
}

describe('signed cookies', () => {
  it('round-trips a value and rejects a tampered one', async () => {
    const signed = await signValue('user-1', 'secret')
    expect(await unsignValue(signed, 'secret')).toBe('user-1')
    expect(await unsignValue(signed.replace('user-1', 'user-2'), 'secret')).toBe(false)
    expect(await unsignValue(`${signed.slice(0, -3)}AA=`, 'secret')).toBe(false)
    expect(await unsignValue('no-signature', 'secret')).toBe(false)
    expect(await unsignValue('v.%%%not-base64', 'secret')).toBe(false)
  })

  it('signs with the newest key and verifies with any listed key', async () => {
    const old = await signValue('v', ['old'])
    const rotated = ['new', 'old']
    expect(await unsignValue(old, rotated)).toBe('v')
    const fresh = await signValue('v', rotated)
    expect(fresh).toBe(await signValue('v', 'new'))
    expect(await unsignValue(fresh, ['old'])).toBe(false)
    expect(await unsignValue(old, ['new'])).toBe(false)
  })

  it('sets and reads a cookie through a request, reporting tampering as false', async () => {
    const app = new App()
    app.get('/login', async (c) => {
      await setSignedCookie(c, 'user', 'ada', ['k2', 'k1'], { httpOnly: true, path: '/' })
      return c.text('ok')
    })
    app.get('/me', async (c) => c.json({ user: await getSignedCookie(c, 'user', ['k2', 'k1']) }))
    const login = await app.request('/login')
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/)
    const cookie = cookieFrom(login)
    expect(await (await app.request('/me', { headers: { cookie } })).json()).toEqual({ user: 'ada' })
    const tampered = cookie.replace('ada', 'eve')
    expect(await (await app.request('/me', { headers: { cookie: tampered } })).json()).toEqual({
      user: false,
    })
    expect(await (await app.request('/me')).json()).toEqual({})
  })

  it('is readable by Hono getSignedCookie with the same secret', async () => {
    const app = new App()
    app.get('/set', async (c) => {
      await setSignedCookie(c, 'k', 'value with spaces', 'shared-secret')
      return c.text('ok')
    })
    app.get('/hono', async (c) => c.text(String(await honoGetSignedCookie(c, 'shared-secret', 'k'))))
    const cookie = cookieFrom(await app.request('/set'))
    expect(await (await app.request('/hono', { headers: { cookie } })).text()).toBe('value with spaces')
  })
})
