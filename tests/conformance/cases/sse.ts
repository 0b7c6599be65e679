import { expect } from 'vitest'
import { defineCases } from '../types.js'
import { freshId, pollSeen } from './poll.js'

export const sse = defineCases('server-sent events', [
  {
    name: 'events are sent in the text/event-stream format with event, id, retry and comments',
    async run(t) {
      const res = await t.fetch('/sse/events', { headers: { accept: 'text/event-stream' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toBe(
        'event: greeting\nid: 1\ndata: {"hello":"world"}\n\n' +
          'data: plain text\ndata: second line\n\n' +
          ': a comment\nretry: 2500\n\n',
      )
    },
  },
  {
    name: 'an endless event stream stops and cleans up when the client disconnects',
    async run(t) {
      const id = freshId('sse')
      const controller = new AbortController()
      const res = await t.fetch(`/sse/endless?id=${id}`, { signal: controller.signal })
      const reader = res.body!.getReader()
      const { value } = await reader.read()
      expect(new TextDecoder().decode(value)).toMatch(/^id: 0\ndata: event 0\n\n/)
      controller.abort()
      await reader.cancel().catch(() => {})
      expect((await pollSeen(t, id, (s) => s.cleanedUp === true)).cleanedUp).toBe(true)
    },
  },
])
