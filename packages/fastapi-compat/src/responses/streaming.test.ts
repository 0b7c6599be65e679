import { describe, expect, it } from 'vitest'
import { FastAPI, StreamingResponse } from '../index.js'

// Starlette iterates a StreamingResponse's content only while sending it, and stops (closing the
// generator) when the client disconnects: tests/test_responses.py
// test_streaming_response_stops_if_receiving_http_disconnect / _on_client_disconnects.

describe('StreamingResponse pulls its iterator only as the body is read', () => {
  it("a generator's first line has not run when the response is constructed", async () => {
    const log: string[] = []
    async function* lines() {
      log.push('started')
      yield 'one\n'
      log.push('second')
      yield 'two\n'
    }
    const res = new StreamingResponse(lines(), { media_type: 'text/plain' })
    await new Promise((r) => setTimeout(r, 10))
    expect(log).toEqual([])
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('one\n')
    expect(log).toEqual(['started'])
    await reader.read()
    expect(log).toEqual(['started', 'second'])
  })

  it('a route returning a stream has not started it when the app answers', async () => {
    let started = false
    const app = new FastAPI()
    app.get(
      '/s',
      () =>
        new StreamingResponse(
          (function* () {
            started = true
            yield 'x'
          })(),
        ),
    )
    const res = await app.fetch(new Request('http://testserver/s'))
    expect([res.status, started]).toEqual([200, false])
    expect(await res.text()).toBe('x')
    expect(started).toBe(true)
  })

  it('a client going away closes the generator: its finally runs and it stops', async () => {
    let produced = 0
    let closed = false
    async function* forever() {
      try {
        for (;;) {
          produced++
          yield 'chunk '
        }
      } finally {
        closed = true
      }
    }
    const app = new FastAPI()
    app.get('/forever', () => new StreamingResponse(forever()))
    const res = await app.fetch(new Request('http://testserver/forever'))
    const reader = res.body!.getReader()
    await reader.read()
    await reader.read()
    await reader.cancel()
    expect(closed).toBe(true)
    const after = produced
    await new Promise((r) => setTimeout(r, 10))
    expect(produced).toBe(after)
    expect(produced).toBeLessThanOrEqual(3)
  })

  it('a sync iterable is pulled lazily too', async () => {
    const seen: number[] = []
    function* numbers() {
      for (let i = 0; i < 3; i++) {
        seen.push(i)
        yield `${i}`
      }
    }
    const res = new StreamingResponse(numbers())
    expect(seen).toEqual([])
    expect(await res.text()).toBe('012')
  })
})
