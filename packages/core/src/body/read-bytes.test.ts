import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { BodyError } from './body-error.js'
import { readBytes } from './read-bytes.js'
import { readJson } from './read-json.js'
import { readText } from './read-text.js'
import { BODY_SOURCE, type BodySource } from './source.js'

const KiB = 1024
const MiB = 1024 * KiB

/** A body of `total` bytes produced lazily in 64 KiB chunks; `pulls` counts what was asked for. */
function countingStream(total: number) {
  const chunk = new Uint8Array(64 * KiB).fill(0x20)
  const counter = { pulls: 0, cancelled: false }
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulls++
      if (sent >= total) return controller.close()
      controller.enqueue(chunk)
      sent += chunk.length
    },
    cancel() {
      counter.cancelled = true
    },
  })
  return { stream, counter }
}

function appWith(read: (c: any) => Promise<unknown>) {
  const app = new App()
  app.post('/', async (c) => {
    const value = await read(c)
    return c.json({ value: value instanceof Uint8Array ? value.length : value })
  })
  app.onError((err, c) =>
    err instanceof BodyError
      ? c.json({ reason: err.reason, detail: err.detail, position: err.position }, err.status as 400)
      : c.json({ error: String(err) }, 500),
  )
  return app
}

const post = (body: BodyInit, headers: Record<string, string> = {}): RequestInit =>
  ({ method: 'POST', body, headers, duplex: 'half' }) as RequestInit

describe('readBytes', () => {
  it('returns the whole body when it is within the limit', async () => {
    const res = await appWith((c) => readBytes(c)).request('/', post('hello'))
    expect(await res.json()).toEqual({ value: 5 })
  })

  it('answers 413 from a Content-Length over the limit without reading the body', async () => {
    const { stream, counter } = countingStream(10 * MiB)
    const app = appWith((c) => readBytes(c))
    const res = await app.request('/', post(stream, { 'content-length': String(10 * MiB) }))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({
      reason: 'too_large',
      detail: 'Request body is larger than the limit of 1048576 bytes.',
    })
    // Only the stream's own start-up pull (to fill its queue) happened: nothing was read.
    expect(counter.pulls).toBeLessThanOrEqual(1)
  })

  it('stops a streamed 100 MiB body just past the limit and cancels the stream', async () => {
    const { stream, counter } = countingStream(100 * MiB)
    const res = await appWith((c) => readBytes(c)).request('/', post(stream))
    expect(res.status).toBe(413)
    expect((await res.json()).reason).toBe('too_large')
    // 1 MiB is 16 chunks of 64 KiB: the 17th passes the limit; allow the queue's read-ahead.
    expect(counter.pulls).toBeLessThanOrEqual(19)
    expect(counter.cancelled).toBe(true)
  })

  it('cuts a body longer than its declared Content-Length at the limit', async () => {
    const { stream, counter } = countingStream(50 * MiB)
    const res = await appWith((c) => readBytes(c)).request('/', post(stream, { 'content-length': '10' }))
    expect(res.status).toBe(413)
    expect(counter.pulls).toBeLessThanOrEqual(19)
  })

  it('accepts a body of exactly the limit', async () => {
    const res = await appWith((c) => readBytes(c, { maxBodySize: 5 })).request('/', post('12345'))
    expect(await res.json()).toEqual({ value: 5 })
  })

  it('joins a body that arrives in several chunks', async () => {
    const { stream } = countingStream(3 * 64 * KiB)
    const res = await appWith((c) => readBytes(c)).request('/', post(stream))
    expect(await res.json()).toEqual({ value: 3 * 64 * KiB })
  })

  it('reads a GET request as an empty body', async () => {
    const app = new App()
    app.get('/', async (c) => c.text(String((await readBytes(c)).length)))
    expect(await (await app.request('/')).text()).toBe('0')
  })
})

describe('the adapter body source', () => {
  const fetchWith = (app: App, source: BodySource, init: RequestInit) =>
    app.fetch(new Request('http://localhost/', init), { [BODY_SOURCE]: source })

  it('is used instead of the stream when the env carries one', async () => {
    const limits: number[] = []
    const source: BodySource = async (limit) => {
      limits.push(limit)
      return new TextEncoder().encode('{"from":"source"}')
    }
    const app = appWith((c) => readJson(c))
    const res = await fetchWith(
      app,
      source,
      post('{"from":"stream"}', { 'content-type': 'application/json' }),
    )
    expect(await res.json()).toEqual({ value: { from: 'source' } })
    expect(limits).toEqual([MiB])
  })

  it('falls back to the stream when it answers undefined', async () => {
    const app = appWith((c) => readJson(c))
    const res = await fetchWith(app, async () => undefined, post('{"from":"stream"}'))
    expect(await res.json()).toEqual({ value: { from: 'stream' } })
  })

  it("turns the source's own 413 into a too_large BodyError", async () => {
    const { HTTPException } = await import('../http-exception.js')
    const source: BodySource = async (limit) => {
      throw new HTTPException(413, `over ${limit}`)
    }
    const res = await fetchWith(
      appWith((c) => readBytes(c)),
      source,
      post('x'),
    )
    expect(res.status).toBe(413)
    expect((await res.json()).reason).toBe('too_large')
  })
})

describe('per-request caching', () => {
  it('reads the body once however many readers ask', async () => {
    const app = appWith(async (c) => {
      const a = await readBytes(c)
      const b = await readBytes(c)
      const text = await readText(c)
      const json = await readJson(c)
      return [a === b, text, json]
    })
    const res = await app.request('/', post('{"a":1}', { 'content-type': 'application/json' }))
    expect(await res.json()).toEqual({ value: [true, '{"a":1}', { a: 1 }] })
  })

  it("lets Hono's c.req.json(), text() and arrayBuffer() see the body after readJson", async () => {
    const app = appWith(async (c) => {
      const ours = await readJson(c)
      const json = await c.req.json()
      const text = await c.req.text()
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return [ours, json, text, bytes.length]
    })
    const res = await app.request('/', post('{"a":[1,2]}', { 'content-type': 'application/json' }))
    expect(await res.json()).toEqual({ value: [{ a: [1, 2] }, { a: [1, 2] }, '{"a":[1,2]}', 11] })
  })

  it("reads what Hono's c.req.json() already consumed", async () => {
    const app = appWith(async (c) => [await c.req.json(), await readJson(c), (await readBytes(c)).length])
    const res = await app.request('/', post('{"a":1}', { 'content-type': 'application/json' }))
    expect(await res.json()).toEqual({ value: [{ a: 1 }, { a: 1 }, 7] })
  })

  it("lets Hono's c.req.json() see a body the adapter source supplied", async () => {
    const app = appWith(async (c) => [await readBytes(c), await c.req.json()].map((v) => JSON.stringify(v)))
    const source: BodySource = async () => new TextEncoder().encode('{"s":1}')
    const res = await app.fetch(new Request('http://localhost/', post('')), { [BODY_SOURCE]: source })
    expect((await res.json()).value[1]).toBe('{"s":1}')
  })

  it('still applies a smaller limit to a body read earlier under a larger one', async () => {
    const app = appWith(async (c) => {
      await readBytes(c)
      return readBytes(c, { maxBodySize: 3 })
    })
    const res = await app.request('/', post('12345'))
    expect(res.status).toBe(413)
  })
})
