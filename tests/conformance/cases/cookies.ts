import { expect } from 'vitest'
import { defineCases } from '../types.js'

export const cookies = defineCases('cookies', [
  {
    name: 'hono/cookie sets several cookies as separate Set-Cookie headers',
    async run(t) {
      const res = await t.fetch('/cookies/set')
      const set = res.headers.getSetCookie()
      expect(set).toHaveLength(3)
      expect(set[0]).toBe('session=abc123; Path=/; HttpOnly; SameSite=Lax')
      expect(set[1]).toBe('theme=dark; Max-Age=3600; Path=/')
      expect(set[2]).toMatch(/^signed=user-7\.[A-Za-z0-9%+/=]+; Path=\/$/)
    },
  },
  {
    name: 'cookies sent back are read, and a signed cookie verifies',
    async run(t) {
      const set = (await t.fetch('/cookies/set')).headers.getSetCookie()
      const cookie = set.map((line) => line.split(';')[0]).join('; ')
      const res = await t.fetch('/cookies/read', { headers: { cookie } })
      const body = (await res.json()) as { all: Record<string, string>; signed: unknown }
      expect(body.all.session).toBe('abc123')
      expect(body.all.theme).toBe('dark')
      expect(body.signed).toBe('user-7')
    },
  },
  {
    name: 'a tampered signed cookie does not verify',
    async run(t) {
      const set = (await t.fetch('/cookies/set')).headers.getSetCookie()
      const signed = set[2]!.split(';')[0]!.replace('user-7', 'user-8')
      const res = await t.fetch('/cookies/read', { headers: { cookie: signed } })
      expect(((await res.json()) as { signed: unknown }).signed).toBe(false)
    },
  },
  {
    name: 'deleting a cookie expires it',
    async run(t) {
      const [line] = (await t.fetch('/cookies/delete')).headers.getSetCookie()
      expect(line).toMatch(/^session=; Max-Age=0; Path=\//)
    },
  },
])
