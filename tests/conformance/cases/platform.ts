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
  {
    name: 'the client address is 127.0.0.1 over loopback, and a forged CF-Connecting-IP changes nothing',
    skip: (t) =>
      t.overHttp
        ? t.name === 'workerd'
          ? 'workerd gives no peer address: on Workers it is the CF-Connecting-IP header set by the edge (next case)'
          : undefined
        : 'in process there is no connection, so no peer',
    async run(t) {
      const forged = { 'cf-connecting-ip': '198.51.100.1' }
      const body = (await (await t.fetch('/platform/client', { headers: forged })).json()) as Record<
        string,
        unknown
      >
      expect(body).toMatchObject({ address: '127.0.0.1', family: 'IPv4' })
      expect(body.port).toEqual(expect.any(Number))
    },
  },
  {
    name: "on workerd the client address is the edge's CF-Connecting-IP header, and none without it",
    skip: (t) => (t.name === 'workerd' ? undefined : 'only Workers take the client address from a header'),
    async run(t) {
      expect(await (await t.fetch('/platform/client')).json()).toBeNull()
      const headers = { 'cf-connecting-ip': '2001:db8::7' }
      expect(await (await t.fetch('/platform/client', { headers })).json()).toEqual({
        address: '2001:db8::7',
        family: 'IPv6',
      })
    },
  },
  {
    name: "a completed request's signal is not aborted when after-response work runs",
    async run(t) {
      const id = freshId('after')
      expect(await (await t.fetch(`/platform/after-response/${id}`)).text()).toBe('done')
      const seen = await pollSeen(t, id, (s) => s.abortedAfterResponse !== undefined)
      expect(seen).toEqual({ abortedAfterResponse: false })
    },
  },
  {
    name: 'a client that disconnects mid-stream aborts the signal and the producer cleans up',
    skip: (t) => (t.overHttp ? undefined : 'in process there is no client to disconnect'),
    async run(t) {
      const id = freshId('gone')
      const controller = new AbortController()
      const res = await t.fetch(`/stream/endless?id=${id}`, { signal: controller.signal })
      const reader = res.body!.getReader()
      await reader.read()
      controller.abort()
      const seen = await pollSeen(t, id, (s) => s.signalAborted === true && s.cleanedUp === true)
      expect(seen).toMatchObject({ signalAborted: true, cleanedUp: true })
    },
  },
])
