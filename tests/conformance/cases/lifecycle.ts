import { expect } from 'vitest'
import { defineCases, type Target } from '../types.js'

let seq = 0
const traceOf = async (t: Target, id: string) => (await t.fetch(`/trace/${id}`)).json()

export const lifecycle = defineCases('lifecycle', [
  {
    name: 'startup hooks ran before the first request, root first, then mounted apps',
    async run(t) {
      expect(await (await t.fetch('/lifecycle/startup')).json()).toEqual([
        'root:onStartup',
        'root:lifespan',
        'hooks:onStartup',
      ])
    },
  },
  {
    name: 'before, handler, after and teardown run in order',
    async run(t) {
      const id = `ok-${++seq}`
      const res = await t.fetch(`/hooks/ok?id=${id}`)
      expect(await res.text()).toBe('ok')
      expect(res.headers.get('x-after')).toBe('ran')
      expect(await traceOf(t, id)).toEqual(['before', 'handler', 'after:200', 'teardown:none'])
    },
  },
  {
    name: 'a before hook that returns a response skips the handler but not after and teardown',
    async run(t) {
      const id = `short-${++seq}`
      const res = await t.fetch(`/hooks/ok?id=${id}&short`)
      expect(res.status).toBe(403)
      expect(await res.text()).toBe('short-circuited')
      expect(await traceOf(t, id)).toEqual(['before', 'after:403', 'teardown:none'])
    },
  },
  {
    name: 'teardown runs with the error when the handler throws, and the client gets a 500',
    async run(t) {
      const id = `boom-${++seq}`
      const res = await t.fetch(`/hooks/boom?id=${id}`)
      expect(res.status).toBe(500)
      expect(res.headers.get('x-after')).toBe('ran')
      expect(await traceOf(t, id)).toEqual(['before', 'handler', 'after:500', 'teardown:boom'])
    },
  },
])
