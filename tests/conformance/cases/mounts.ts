import { expect } from 'vitest'
import { defineCases } from '../types.js'

export const mounts = defineCases('nested mounts', [
  {
    name: 'a mounted app answers under its prefix with its own middleware',
    async run(t) {
      const res = await t.fetch('/api/ping')
      expect(await res.json()).toEqual({ pong: true })
      expect(res.headers.get('x-layer')).toBe('api')
    },
  },
  {
    name: 'an app mounted inside a mounted app runs both middleware layers, innermost first',
    async run(t) {
      const res = await t.fetch('/api/v1/things/9')
      expect(await res.json()).toEqual({ thing: '9' })
      expect(res.headers.get('x-layer')).toBe('v1, api')
    },
  },
  {
    name: "a mounted app's own 404 handler answers its unmatched paths",
    async run(t) {
      const res = await t.fetch('/api/missing')
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: 'no such API endpoint', path: '/api/missing' })
    },
  },
  {
    name: "paths outside a mount keep the root's 404",
    async run(t) {
      const res = await t.fetch('/apix/ping')
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('Not Found')
    },
  },
])
