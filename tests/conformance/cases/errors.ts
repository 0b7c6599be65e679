import { expect } from 'vitest'
import { defineCases } from '../types.js'

export const errors = defineCases('errors', [
  {
    name: 'an HTTPException answers with its status, detail and headers',
    async run(t) {
      const res = await t.fetch('/errors/http')
      expect(res.status).toBe(418)
      expect(res.headers.get('x-teapot')).toBe('short-and-stout')
      expect(await res.text()).toBe('I am a teapot')
    },
  },
  {
    name: 'an HTTPException with an object detail answers JSON',
    async run(t) {
      const res = await t.fetch('/errors/json')
      expect(res.status).toBe(422)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(await res.json()).toEqual({ field: 'name', problem: 'missing' })
    },
  },
  {
    name: 'an unexpected error answers 500 without its message or stack',
    async run(t) {
      const res = await t.fetch('/errors/crash')
      expect(res.status).toBe(500)
      const body = await res.text()
      expect(body).toBe('Internal Server Error')
      expect(body).not.toContain('secret')
      expect(body).not.toMatch(/\bat\s+\S+:\d+/)
    },
  },
])
