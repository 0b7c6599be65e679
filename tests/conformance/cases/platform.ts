import { expect } from 'vitest'
import { defineCases } from '../types.js'
import { freshId, pollSeen } from './poll.js'

export const platform = defineCases('platform', [
  {
    name: 'background work runs after the response (ctx.waitUntil on workers)',
    async run(t) {
      const id = freshId('bg')
      const res = await t.fetch(`/background/${id}`, { method: 'POST' })
      expect(res.status).toBe(202)
      expect((await pollSeen(t, id, (s) => s.background === 'done')).background).toBe('done')
    },
  },
  {
    name: 'env bindings are reachable from handlers',
    skip: (t) =>
      t.name === 'workerd'
        ? undefined
        : 'env bindings are configured per Worker; other runtimes use process env',
    async run(t) {
      expect(await (await t.fetch('/env/greeting')).text()).toBe('hello from a binding')
    },
  },
])
