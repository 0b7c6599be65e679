import { describe, expect, it } from 'vitest'
import { App } from './app.js'
import { eventStream, formatEvent } from './sse.js'
import { iterableToStream } from './streaming.js'

const decoder = new TextDecoder()
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('iterableToStream', () => {
  it('pulls the producer only as fast as the consumer reads', async () => {
    let produced = 0
    function* numbers() {
      while (true) {
        produced++
        yield `${produced}\n`
      }
    }
    const reader = iterableToStream(numbers()).getReader()
    expect(decoder.decode((await reader.read()).value)).toBe('1\n')
    expect(decoder.decode((await reader.read()).value)).toBe('2\n')
    await tick()
    expect(produced).toBeLessThanOrEqual(3)
    await reader.cancel()
  })

  it('runs the generator cleanup when the consumer cancels', async () => {
    let cleaned = false
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield `row ${i}\n`
      } finally {
        cleaned = true
      }
    }
    const reader = iterableToStream(rows()).getReader()
    await reader.read()
    await reader.cancel()
    await tick()
    expect(cleaned).toBe(true)
  })

  it('stops the producer when the signal aborts', async () => {
    let cleaned = false
    async function* slow() {
      try {
        for (let i = 0; ; i++) {
          await tick()
          yield `${i}`
        }
      } finally {
        cleaned = true
      }
    }
    const controller = new AbortController()
    const reader = iterableToStream(slow(), { signal: controller.signal }).getReader()
    await reader.read()
    controller.abort()
    await tick()
    await tick()
    expect(cleaned).toBe(true)
  })

  it('streams a handler response body chunk by chunk', async () => {
    const app = new App().get(
      '/csv',
      () => new Response(iterableToStream(['a,b\n', new TextEncoder().encode('1,2\n')])),
    )
    expect(await (await app.request('/csv')).text()).toBe('a,b\n1,2\n')
  })

  it('errors the stream when the producer throws', async () => {
    function* broken() {
      yield 'ok'
      throw new Error('producer failed')
    }
    const reader = iterableToStream(broken()).getReader()
    await reader.read()
    await expect(reader.read()).rejects.toThrow('producer failed')
  })
})

describe('server-sent events', () => {
  it('formats event, id, retry, comments and multi-line data', () => {
    expect(formatEvent({ event: 'update', id: 7, retry: 3000, data: 'line 1\nline 2' })).toBe(
      'event: update\nid: 7\nretry: 3000\ndata: line 1\ndata: line 2\n\n',
    )
    expect(formatEvent({ comment: 'hello' })).toBe(': hello\n\n')
    expect(formatEvent({ data: { a: 1 } })).toBe('data: {"a":1}\n\n')
    expect(formatEvent('plain')).toBe('data: plain\n\n')
  })

  it('cannot be made to inject fields through event names or ids', () => {
    expect(formatEvent({ event: 'x\ndata: injected', id: '1\nretry: 1' })).toBe(
      'event: xdata: injected\nid: 1retry: 1\n\n',
    )
  })

  it('answers with text/event-stream and no caching', async () => {
    const app = new App().get('/events', () =>
      eventStream(['a', { event: 'end', data: 'b' }], { keepAliveMs: 0 }),
    )
    const res = await app.request('/events')
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toBe('data: a\n\nevent: end\ndata: b\n\n')
  })

  it('sends keep-alive comments while the producer is idle', async () => {
    async function* late() {
      await new Promise((resolve) => setTimeout(resolve, 60))
      yield 'finally'
    }
    const res = eventStream(late(), { keepAliveMs: 20 })
    const text = await res.text()
    expect(text).toMatch(/^(: keep-alive\n\n)+data: finally\n\n$/)
  })
})
