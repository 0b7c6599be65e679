import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { BodyError } from './body-error.js'
import type { BodyLimits } from './limits.js'
import { readForm } from './read-form.js'
import { readUrlEncoded } from './read-urlencoded.js'

function formApp(
  limits?: Partial<BodyLimits>,
  reader: (c: Context, limits?: Partial<BodyLimits>) => Promise<unknown> = readUrlEncoded,
) {
  const app = new App()
  app.post('/', async (c) => c.json({ value: await reader(c, limits) }))
  app.onError((err, c) =>
    err instanceof BodyError
      ? c.json({ reason: err.reason, detail: err.detail }, err.status as 400)
      : c.json({ error: String(err) }, 500),
  )
  return app
}

const form = (body: string, type = 'application/x-www-form-urlencoded'): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'content-type': type },
})

describe('readUrlEncoded', () => {
  it('parses fields in order with URLSearchParams decoding, repeated names kept', async () => {
    const res = await formApp().request('/', form('a=1&b=x+y&a=%C3%A9&&empty=&flag'))
    expect(await res.json()).toEqual({
      value: [
        ['a', '1'],
        ['b', 'x y'],
        ['a', 'é'],
        ['empty', ''],
        ['flag', ''],
      ],
    })
  })

  it('reads an empty body as no fields', async () => {
    expect(await (await formApp().request('/', form(''))).json()).toEqual({ value: [] })
  })

  it('answers 413 too_many_parts past maxParts', async () => {
    const res = await formApp({ maxParts: 3 }).request('/', form('a=1&b=2&c=3&d=4'))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      reason: 'too_many_parts',
      detail: 'Form has more than the limit of 3 fields.',
    })
  })

  it('accepts exactly maxParts fields (empty segments do not count)', async () => {
    const res = await formApp({ maxParts: 3 }).request('/', form('a=1&&b=2&c=3&'))
    expect(res.status).toBe(200)
  })

  it('answers 413 field_too_large for a value over maxFieldSize bytes', async () => {
    const res = await formApp({ maxFieldSize: 4 }).request('/', form('ok=1234&big=12345'))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      reason: 'field_too_large',
      detail: "Form field 'big' is larger than the limit of 4 bytes.",
    })
  })

  it('measures field size in UTF-8 bytes of the decoded value', async () => {
    // 'éé' is 2 characters but 4 bytes.
    expect((await formApp({ maxFieldSize: 3 }).request('/', form('v=%C3%A9%C3%A9'))).status).toBe(413)
    expect((await formApp({ maxFieldSize: 4 }).request('/', form('v=%C3%A9%C3%A9'))).status).toBe(200)
  })

  it('answers 413 too_large for a body over maxBodySize', async () => {
    const res = await formApp({ maxBodySize: 8 }).request('/', form('a=123456789'))
    expect(res.status).toBe(413)
    expect((await res.json()).reason).toBe('too_large')
  })

  it('answers 415 for another Content-Type', async () => {
    const res = await formApp().request('/', form('a=1', 'text/plain'))
    expect(res.status).toBe(415)
    expect((await res.json()).reason).toBe('unsupported_media_type')
  })
})

describe('readForm', () => {
  it('reads an urlencoded body as fields and no files', async () => {
    const res = await formApp(undefined, readForm).request('/', form('a=1'))
    expect(await res.json()).toEqual({ value: { fields: [['a', '1']], files: [] } })
  })

  it('reads a request with no body and no Content-Type as an empty form', async () => {
    const res = await formApp(undefined, readForm).request('/', { method: 'POST' })
    expect(await res.json()).toEqual({ value: { fields: [], files: [] } })
  })

  it('answers 415 for JSON', async () => {
    const res = await formApp(undefined, readForm).request('/', form('{}', 'application/json'))
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      reason: 'unsupported_media_type',
      detail: "Expected application/x-www-form-urlencoded or multipart/form-data, got 'application/json'.",
    })
  })
})
