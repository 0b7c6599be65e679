import { expect } from 'vitest'
import { defineCases } from '../types.js'

export const routing = defineCases('routing', [
  {
    name: 'a route answers with its path parameters',
    async run(t) {
      const res = await t.fetch('/users/42/posts/7')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ id: '42', postId: '7' })
    },
  },
  {
    name: 'percent-encoded parameters arrive decoded',
    async run(t) {
      const res = await t.fetch('/users/j%C3%BCrgen%20k')
      expect(await res.json()).toEqual({ id: 'jürgen k' })
    },
  },
  {
    name: 'a wildcard route and a constrained parameter match as declared',
    async run(t) {
      expect(await (await t.fetch('/files/a/b/c.txt')).text()).toBe('/files/a/b/c.txt')
      expect(await (await t.fetch('/typed/12')).json()).toEqual({ n: 12 })
      expect((await t.fetch('/typed/abc')).status).toBe(404)
    },
  },
  {
    name: 'an unknown path answers 404',
    async run(t) {
      const res = await t.fetch('/no/such/path')
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('Not Found')
    },
  },
  {
    name: 'a known path with another method answers 405 with Allow',
    async run(t) {
      const res = await t.fetch('/users/1', { method: 'DELETE' })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT')
    },
  },
  {
    name: 'HEAD answers like GET with the same headers and no body',
    async run(t) {
      const get = await t.fetch('/head')
      const head = await t.fetch('/head', { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('x-custom')).toBe('present')
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
      expect(await head.text()).toBe('')
      expect(await get.text()).toBe('a body HEAD must not send')
    },
  },
  {
    name: 'OPTIONS on a known path answers 204 with Allow',
    async run(t) {
      const res = await t.fetch('/users/1', { method: 'OPTIONS' })
      expect(res.status).toBe(204)
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT')
      expect(await res.text()).toBe('')
    },
  },
  {
    name: 'OPTIONS on an unknown path answers 404',
    async run(t) {
      expect((await t.fetch('/nowhere', { method: 'OPTIONS' })).status).toBe(404)
    },
  },
])
