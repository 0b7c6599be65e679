import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { BodyError } from './body-error.js'
import { type ReadJsonOptions, readJson } from './read-json.js'

function jsonApp(options?: ReadJsonOptions) {
  const app = new App()
  app.post('/', async (c) => c.json({ value: (await readJson(c, options)) ?? null }))
  app.onError((err, c) =>
    err instanceof BodyError
      ? c.json({ reason: err.reason, detail: err.detail, position: err.position ?? null }, err.status as 400)
      : c.json({ error: String(err) }, 500),
  )
  return app
}

const post = (body: BodyInit | null, contentType?: string): RequestInit => ({
  method: 'POST',
  body,
  headers: contentType === undefined ? {} : { 'content-type': contentType },
})
const json = 'application/json'

describe('readJson', () => {
  it('parses a JSON body', async () => {
    const res = await jsonApp().request('/', post('{"a":[1,2,{"b":null}]}', json))
    expect(await res.json()).toEqual({ value: { a: [1, 2, { b: null }] } })
  })

  it('answers 400 json_invalid with the character position of the error', async () => {
    const res = await jsonApp().request('/', post('{"a": 1,, "b": 2}', json))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      reason: 'json_invalid',
      position: 8,
      detail: 'Invalid JSON at position 8: Expecting property name enclosed in double quotes.',
    })
  })

  it('places a truncated document at its end', async () => {
    const res = await jsonApp().request('/', post('{"a":', json))
    expect(await res.json()).toMatchObject({ reason: 'json_invalid', position: 5 })
  })

  it('answers an empty body sent as JSON with json_invalid at position 0', async () => {
    const res = await jsonApp().request('/', post('', json))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ reason: 'json_invalid', position: 0 })
  })

  it('reads an absent body without a Content-Type as undefined', async () => {
    const res = await jsonApp().request('/', { method: 'POST' })
    expect(await res.json()).toEqual({ value: null })
  })

  it('answers 415 when the Content-Type is required and not JSON', async () => {
    const res = await jsonApp({ requireContentType: true }).request('/', post('{"a":1}', 'text/plain'))
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({
      reason: 'unsupported_media_type',
      detail: "Expected application/json, got 'text/plain'.",
    })
  })

  it('answers 415 when the Content-Type is required and missing', async () => {
    const res = await jsonApp({ requireContentType: true }).request('/', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0x7d]),
    })
    expect(res.status).toBe(415)
  })

  it('accepts application/*+json and parameters when the Content-Type is required', async () => {
    const app = jsonApp({ requireContentType: true })
    for (const type of ['application/problem+json', 'Application/JSON; charset=utf-8']) {
      const res = await app.request('/', post('{"ok":true}', type))
      expect(await res.json()).toEqual({ value: { ok: true } })
    }
  })

  it('parses any Content-Type when none is required', async () => {
    const res = await jsonApp().request('/', post('[1]', 'text/plain'))
    expect(await res.json()).toEqual({ value: [1] })
  })

  it('answers 400 invalid_encoding for bytes that are not UTF-8', async () => {
    const res = await jsonApp().request('/', post(new Uint8Array([0x22, 0xff, 0xfe, 0x22]), json))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      reason: 'invalid_encoding',
      detail: 'Request body is not valid UTF-8.',
    })
  })

  it('ignores a UTF-8 byte order mark', async () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"é":1}')])
    const res = await jsonApp().request('/', post(body, json))
    expect(await res.json()).toEqual({ value: { é: 1 } })
  })

  it('answers 413 for a document over the limit', async () => {
    const res = await jsonApp({ limits: { maxBodySize: 10 } }).request('/', post('{"a":"0123456789"}', json))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ reason: 'too_large' })
  })

  it('parses once and returns the same value to every caller', async () => {
    const app = new App()
    app.post('/', async (c) => {
      const first = await readJson(c)
      const second = await readJson(c)
      return c.json({ same: first === second })
    })
    expect(await (await app.request('/', post('{"a":1}', json))).json()).toEqual({ same: true })
  })
})
