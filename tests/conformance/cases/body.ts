import { expect } from 'vitest'
import { bodyUnavailable } from '../apps.js'
import { type ConformanceCase, defineCases, type Target } from '../types.js'

const MiB = 1024 * 1024
const json = { 'content-type': 'application/json' }
const skip = () => bodyUnavailable

/** A body sent in 1 MiB chunks without Content-Length, so the server only learns its size by reading. */
function chunked(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MiB).fill(0x20)
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close()
      controller.enqueue(chunk)
      sent += chunk.length
    },
  })
}

const alive = async (t: Target) => expect(await (await t.fetch('/alive')).text()).toBe('alive')

export const body = defineCases('body', [
  {
    name: 'a JSON body is read',
    skip,
    async run(t) {
      const res = await t.fetch('/body/json', { method: 'POST', headers: json, body: '{"a":[1,2]}' })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ received: { a: [1, 2] } })
    },
  },
  {
    name: 'malformed JSON answers 400',
    skip,
    async run(t) {
      const res = await t.fetch('/body/json', { method: 'POST', headers: json, body: '{"a":' })
      expect(res.status).toBe(400)
    },
  },
  {
    name: 'a JSON body over the default limit answers 413',
    skip,
    async run(t) {
      const big = JSON.stringify({ s: 'x'.repeat(2 * MiB) })
      const res = await t.fetch('/body/json', { method: 'POST', headers: json, body: big })
      expect(res.status).toBe(413)
      await alive(t)
    },
  },
  ...[true, false].map(
    (streamed): ConformanceCase => ({
      name: `a 50 MiB upload ${streamed ? 'streamed without a length' : 'with Content-Length'} answers 413 quickly and the server stays up`,
      timeoutMs: 20_000,
      skip: (t) => bodyUnavailable ?? (t.overHttp ? undefined : 'a transport test: needs a real socket'),
      async run(t) {
        const started = performance.now()
        const sent = t.fetch('/body/json', {
          method: 'POST',
          headers: json,
          body: streamed ? chunked(50 * MiB) : new Uint8Array(50 * MiB),
          duplex: 'half',
        } as RequestInit)
        // A server may close the connection as soon as it has answered (workerd and Node 24 do);
        // the client, still writing, then sees EPIPE/ECONNRESET before it can read the 413, and
        // the refusal is the reset itself. What matters is that it is quick and the server lives.
        const res = await sent.catch((error: unknown) => {
          const code = (error as { cause?: { code?: string } }).cause?.code
          if (code === 'EPIPE' || code === 'ECONNRESET') return undefined
          throw error
        })
        if (res !== undefined) {
          expect(res.status).toBe(413)
          await res.arrayBuffer()
        }
        expect(performance.now() - started).toBeLessThan(5_000)
        await alive(t)
      },
    }),
  ),
])
