import { createHash, randomBytes } from 'node:crypto'
import { App, BODY_SOURCE, type BodySource } from '@bustapi/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeBindings } from './handler.js'
import type { ServerHandle } from './options.js'
import { serve } from './serve.js'

const LIMIT = 4 * 1024 * 1024
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const sourceOf = (env: unknown) => (env as { [BODY_SOURCE]?: BodySource })[BODY_SOURCE]

/** Posts `body`; without a length the body goes out chunked, so only reading reveals its size. */
function post(url: string, body: Uint8Array<ArrayBuffer>, chunked = false): Promise<Response> {
  if (!chunked) return fetch(url, { method: 'POST', body })
  const stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      for (let i = 0; i < body.length; i += 65_536) controller.enqueue(body.subarray(i, i + 65_536))
      controller.close()
    },
  })
  return fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
}

describe('the fast body source', () => {
  let handle: ServerHandle
  beforeAll(async () => {
    const app = new App({ reportError: () => {} })
    app.post('/fast', async (c) => {
      const source = sourceOf(c.env)
      if (source === undefined) return c.text('no body source on env', 500)
      const bytes = await source(Number(c.req.query('limit') ?? LIMIT))
      if (bytes === undefined) return c.json({ via: 'none' })
      return c.json({
        via: 'env',
        bindings: c.env instanceof NodeBindings,
        length: bytes.length,
        sha: digest(bytes),
      })
    })
    app.post('/stream', async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return c.json({ via: 'stream', length: bytes.length, sha: digest(bytes) })
    })
    app.post('/stream-then-source', async (c) => {
      await c.req.arrayBuffer()
      const bytes = await sourceOf(c.env)!(LIMIT)
      return c.json({ via: bytes === undefined ? 'none' : 'env' })
    })
    app.post('/twice', async (c) => {
      const source = sourceOf(c.env)!
      const [a, b] = [await source(LIMIT), await source(LIMIT)]
      return c.json({ same: a === b, length: a?.length })
    })
    handle = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => handle.close())

  const payloads: [string, Uint8Array<ArrayBuffer>][] = [
    ['an empty body', new Uint8Array(0)],
    ['a small text body', new TextEncoder().encode('{"hello":"wörld"}')],
    ['a 3 MiB binary body', new Uint8Array(randomBytes(3 * 1024 * 1024))],
  ]
  for (const [label, payload] of payloads) {
    for (const chunked of [false, true]) {
      it(`reads ${label}${chunked ? ' sent chunked' : ''} through env, byte for byte as the stream does`, async () => {
        const fast = (await (await post(`${handle.url}/fast`, payload, chunked)).json()) as Record<
          string,
          unknown
        >
        const stream = (await (await post(`${handle.url}/stream`, payload, chunked)).json()) as Record<
          string,
          unknown
        >
        expect(fast).toMatchObject({
          via: 'env',
          bindings: true,
          length: payload.length,
          sha: digest(payload),
        })
        expect(stream).toMatchObject({ length: payload.length, sha: digest(payload) })
      })
    }
  }

  it('answers 413 from Content-Length alone and closes the connection', async () => {
    const res = await post(`${handle.url}/fast?limit=1024`, new Uint8Array(2048))
    expect(res.status).toBe(413)
    expect(res.headers.get('connection')).toBe('close')
    expect(await res.text()).toBe('Request body is larger than the limit of 1024 bytes.')
  })

  it('answers 413 as soon as a chunked body passes the limit and keeps serving', async () => {
    const started = performance.now()
    const res = await post(`${handle.url}/fast?limit=1024`, new Uint8Array(20 * 1024 * 1024), true)
    expect(res.status).toBe(413)
    expect(res.headers.get('connection')).toBe('close')
    await res.arrayBuffer()
    expect(performance.now() - started).toBeLessThan(3_000)
    const ok = await post(`${handle.url}/fast?limit=1024`, new Uint8Array(1024), true)
    expect(await ok.json()).toMatchObject({ via: 'env', length: 1024 })
  })

  it('steps aside when the body was already read through the stream', async () => {
    const res = await post(`${handle.url}/stream-then-source`, new TextEncoder().encode('abc'))
    expect(await res.json()).toEqual({ via: 'none' })
  })

  it('returns the same bytes when asked twice', async () => {
    const res = await post(`${handle.url}/twice`, new TextEncoder().encode('abc'))
    expect(await res.json()).toEqual({ same: true, length: 3 })
  })
})
