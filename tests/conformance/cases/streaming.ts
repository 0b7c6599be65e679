import { expect } from 'vitest'
import { defineCases } from '../types.js'
import { freshId, pollSeen } from './poll.js'

/** Reads `count` chunks from a streamed response, then goes away as a client would. */
async function readThenLeave(res: Response, controller: AbortController, count: number): Promise<string> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (let i = 0; i < count; i++) {
    const { value } = await reader.read()
    text += decoder.decode(value)
  }
  controller.abort()
  await reader.cancel().catch(() => {})
  return text
}

export const streaming = defineCases('streaming', [
  {
    name: 'an async iterable streams its chunks in order',
    async run(t) {
      const res = await t.fetch('/stream/chunks')
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('one two three')
    },
  },
  {
    name: 'a client that goes away mid-stream stops the producer and its cleanup runs',
    async run(t) {
      const id = freshId('stream')
      const controller = new AbortController()
      const res = await t.fetch(`/stream/endless?id=${id}`, { signal: controller.signal })
      expect(await readThenLeave(res, controller, 2)).toMatch(/^tick 0\n/)
      const seen = await pollSeen(t, id, (s) => s.cleanedUp === true)
      expect(seen.cleanedUp).toBe(true)
      // The producer stopped: nothing more is produced after the cleanup.
      const sent = seen.sent as number
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect((await pollSeen(t, id, () => true)).sent).toBe(sent)
    },
  },
  {
    name: 'the handler sees the client leave through request.signal',
    skip: (t) =>
      t.overHttp ? undefined : 'in process there is no connection whose loss could abort the signal',
    async run(t) {
      const id = freshId('signal')
      const controller = new AbortController()
      const res = await t.fetch(`/stream/endless?id=${id}`, { signal: controller.signal })
      await readThenLeave(res, controller, 1)
      const seen = await pollSeen(t, id, (s) => s.signalAborted === true)
      expect(seen.signalAborted).toBe(true)
    },
  },
])
