import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { BodyError } from './body-error.js'
import type { BodyLimits } from './limits.js'
import { readBytes } from './read-bytes.js'
import { readForm } from './read-form.js'
import { readMultipart } from './read-multipart.js'
import { BODY_SOURCE } from './source.js'

const boundary = '----bustapi7MA4YWxkTrZu0gW'
const type = `multipart/form-data; boundary=${boundary}`
const encoder = new TextEncoder()

type Part = { name: string; value: string | Uint8Array; filename?: string; type?: string }

/** A multipart/form-data body as a browser would send it. */
function multipart(parts: Part[]): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`
    if (part.filename !== undefined) head += `; filename="${part.filename}"`
    if (part.type !== undefined) head += `\r\nContent-Type: ${part.type}`
    chunks.push(encoder.encode(`${head}\r\n\r\n`))
    chunks.push(typeof part.value === 'string' ? encoder.encode(part.value) : part.value)
    chunks.push(encoder.encode('\r\n'))
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`))
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

/** The same bytes as a stream of small chunks, so the parser sees boundaries split across reads. */
function inChunks(bytes: Uint8Array<ArrayBuffer>, size: number): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
    },
  })
}

function uploadApp(limits?: Partial<BodyLimits>, reader = readMultipart) {
  const app = new App()
  app.post('/', async (c) => {
    const { fields, files } = await reader(c, limits)
    return c.json({
      fields,
      files: files.map((f) => ({
        field: f.fieldName,
        name: f.name,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        text: f.text(),
        header: f.headers['content-disposition'],
      })),
    })
  })
  app.onError((err, c) =>
    err instanceof BodyError
      ? c.json({ reason: err.reason, detail: err.detail }, err.status as 400)
      : c.json({ error: String(err) }, 500),
  )
  return app
}

const post = (body: BodyInit, contentType = type): RequestInit =>
  ({ method: 'POST', body, headers: { 'content-type': contentType }, duplex: 'half' }) as RequestInit

const sample: Part[] = [
  { name: 'title', value: 'Héllo' },
  { name: 'tag', value: 'a' },
  { name: 'tag', value: 'b' },
  { name: 'doc', value: 'file body\r\n--not-a-boundary', filename: 'notes.txt', type: 'text/plain' },
  { name: 'blob', value: new Uint8Array([0, 1, 2, 255]), filename: 'b.bin' },
]

describe('readMultipart', () => {
  it('reads text fields and files', async () => {
    const res = await uploadApp().request('/', post(multipart(sample)))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.fields).toEqual([
      ['title', 'Héllo'],
      ['tag', 'a'],
      ['tag', 'b'],
    ])
    expect(body.files).toEqual([
      {
        field: 'doc',
        name: 'doc',
        filename: 'notes.txt',
        contentType: 'text/plain',
        size: 27,
        text: 'file body\r\n--not-a-boundary',
        header: 'form-data; name="doc"; filename="notes.txt"',
      },
      expect.objectContaining({
        field: 'blob',
        filename: 'b.bin',
        contentType: 'application/octet-stream',
        size: 4,
      }),
    ])
  })

  it('parses a body that streams in 7-byte chunks the same way', async () => {
    const whole = await (await uploadApp().request('/', post(multipart(sample)))).json()
    const chunked = await (await uploadApp().request('/', post(inChunks(multipart(sample), 7)))).json()
    expect(chunked).toEqual(whole)
  })

  it('gives files as bytes, ArrayBuffer and stream', async () => {
    const app = new App()
    app.post('/', async (c) => {
      const [file] = (await readMultipart(c)).files
      const streamed = new Uint8Array(await new Response(file!.stream()).arrayBuffer())
      return c.json([Array.from(file!.bytes()), file!.arrayBuffer().byteLength, Array.from(streamed)])
    })
    const res = await app.request('/', post(multipart([sample[4]!])))
    expect(await res.json()).toEqual([[0, 1, 2, 255], 4, [0, 1, 2, 255]])
  })

  it('keeps a file input left empty as a file with an empty name', async () => {
    const res = await uploadApp().request(
      '/',
      post(multipart([{ name: 'f', value: '', filename: '', type: 'application/octet-stream' }])),
    )
    expect((await res.json()).files).toEqual([expect.objectContaining({ field: 'f', filename: '', size: 0 })])
  })

  it('answers 413 too_many_parts past maxParts', async () => {
    const parts = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 'x' }))
    const res = await uploadApp({ maxParts: 4 }).request('/', post(multipart(parts)))
    expect(res.status).toBe(413)
    expect((await res.json()).reason).toBe('too_many_parts')
  })

  it('answers 413 file_too_large for a file over maxFileSize', async () => {
    const parts = [{ name: 'f', value: 'x'.repeat(101), filename: 'big.txt' }]
    const res = await uploadApp({ maxFileSize: 100 }).request('/', post(multipart(parts)))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      reason: 'file_too_large',
      detail: 'Uploaded file is larger than the limit of 100 bytes.',
    })
  })

  it('answers 413 field_too_large for a text field over maxFieldSize', async () => {
    const parts = [{ name: 'note', value: 'x'.repeat(11) }]
    const res = await uploadApp({ maxFieldSize: 10 }).request('/', post(multipart(parts)))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      reason: 'field_too_large',
      detail: "Form field 'note' is larger than the limit of 10 bytes.",
    })
  })

  it('lets a file be larger than maxFieldSize', async () => {
    const parts = [{ name: 'f', value: 'x'.repeat(50), filename: 'a.txt' }]
    expect((await uploadApp({ maxFieldSize: 10 }).request('/', post(multipart(parts)))).status).toBe(200)
  })

  it('answers 413 too_large past maxMultipartSize, declared or streamed', async () => {
    const body = multipart([{ name: 'f', value: 'x'.repeat(5000), filename: 'a.txt' }])
    const declared = await uploadApp({ maxMultipartSize: 1000 }).request('/', post(body))
    expect(declared.status).toBe(413)
    expect((await declared.json()).detail).toBe('Multipart body is larger than the limit of 1000 bytes.')
    const streamed = await uploadApp({ maxMultipartSize: 1000 }).request('/', post(inChunks(body, 256)))
    expect(streamed.status).toBe(413)
    expect((await streamed.json()).reason).toBe('too_large')
  })

  it('answers 400 malformed when the Content-Type has no boundary', async () => {
    const res = await uploadApp().request('/', post(multipart(sample), 'multipart/form-data'))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      reason: 'malformed',
      detail: 'The multipart/form-data Content-Type has no boundary parameter.',
    })
  })

  it('answers 400 malformed for a body cut before its closing boundary', async () => {
    const body = multipart(sample)
    const res = await uploadApp().request('/', post(body.slice(0, body.length - 20)))
    expect(res.status).toBe(400)
    expect((await res.json()).reason).toBe('malformed')
  })

  it('answers 400 malformed for a body that does not start with the boundary', async () => {
    const res = await uploadApp().request('/', post('this is not multipart at all, not even close'))
    expect(res.status).toBe(400)
    expect((await res.json()).reason).toBe('malformed')
  })

  it('answers 400 invalid_encoding for a text field that is not UTF-8', async () => {
    const res = await uploadApp().request(
      '/',
      post(multipart([{ name: 'n', value: new Uint8Array([0xc3, 0x28]) }])),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      reason: 'invalid_encoding',
      detail: "Form field 'n' is not valid UTF-8.",
    })
  })

  it('answers 415 for another Content-Type', async () => {
    const res = await uploadApp().request('/', post('a=1', 'application/x-www-form-urlencoded'))
    expect(res.status).toBe(415)
  })

  it('is what readForm reads for multipart bodies', async () => {
    const res = await uploadApp(undefined, readForm).request('/', post(multipart(sample)))
    expect((await res.json()).fields).toHaveLength(3)
  })

  it('caches the form, and still lets readBytes and Hono see the raw body', async () => {
    const app = new App()
    app.post('/', async (c) => {
      const first = await readMultipart(c)
      const again = await readForm(c)
      const bytes = await readBytes(c, { maxBodySize: 1 << 20 })
      const hono = new Uint8Array(await c.req.arrayBuffer())
      return c.json([first === again, bytes.length, hono.length])
    })
    const body = multipart(sample)
    const res = await app.request('/', post(inChunks(body, 64)))
    expect(await res.json()).toEqual([true, body.length, body.length])
  })

  it('parses the bytes an adapter body source supplies', async () => {
    const body = multipart(sample)
    const seen: number[] = []
    const env = {
      [BODY_SOURCE]: async (limit: number) => {
        seen.push(limit)
        return body
      },
    }
    const res = await uploadApp().fetch(new Request('http://localhost/', post('ignored')), env)
    expect((await res.json()).fields).toHaveLength(3)
    expect(seen).toEqual([32 * 1024 * 1024])
  })
})
