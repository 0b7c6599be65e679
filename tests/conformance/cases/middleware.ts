import { expect } from 'vitest'
import { defineCases } from '../types.js'

const origin = 'https://app.example'

export const middleware = defineCases('hono middleware', [
  {
    name: 'hono/cors answers a preflight',
    async run(t) {
      const res = await t.fetch('/cors/data', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'x-token',
        },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,PUT')
      expect(res.headers.get('access-control-allow-headers')).toBe('x-token')
      expect(res.headers.get('access-control-max-age')).toBe('600')
    },
  },
  {
    name: 'hono/cors marks a simple request',
    async run(t) {
      const res = await t.fetch('/cors/data', { headers: { origin } })
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
      expect(await res.json()).toEqual({ data: 1 })
    },
  },
  {
    name: 'hono/etag sets an ETag and answers 304 to a matching If-None-Match',
    async run(t) {
      const first = await t.fetch('/etag/doc')
      const tag = first.headers.get('etag')
      expect(tag).toMatch(/^(W\/)?"[^"]+"$/)
      const second = await t.fetch('/etag/doc', { headers: { 'if-none-match': tag! } })
      expect(second.status).toBe(304)
      expect(second.headers.get('etag')).toBe(tag)
      expect(await second.text()).toBe('')
      expect((await t.fetch('/etag/doc', { headers: { 'if-none-match': '"other"' } })).status).toBe(200)
    },
  },
  {
    name: 'hono/secure-headers adds its headers',
    async run(t) {
      const res = await t.fetch('/secure/page')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(res.headers.get('strict-transport-security')).toContain('max-age=')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(await res.text()).toBe('secure')
    },
  },
])
