import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterAll, describe, expect, it } from 'vitest'
import {
  EventSourceResponse,
  FastAPI,
  FileResponse,
  HTMLResponse,
  JSONResponse,
  jsonable_encoder,
  PlainTextResponse,
  RedirectResponse,
  Response,
  StreamingResponse,
  TestClient,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/custom_response/* and docs_src/response_directly/* with
// tests/test_tutorial/test_custom_response/* and test_response_directly/*.

const html = '<html><head><title>Some HTML in here</title></head><body><h1>Look ma! HTML!</h1></body></html>'
const dir = mkdtempSync(join(tmpdir(), 'bustapi-custom-response-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('custom_response tutorial001b: a JSON response returned directly', () => {
  const app = new FastAPI()
  app.get('/items/', { response_class: JSONResponse }, async function read_items() {
    return new JSONResponse([{ item_id: 'Foo' }])
  })
  it('test_get_custom_response and its document', async () => {
    expect((await new TestClient(app).get('/items/')).json()).toEqual([{ item_id: 'Foo' }])
    expect(app.openapi()).toEqual(upstreamOpenAPI('custom_response', 'tutorial001b'))
  })
})

describe('custom_response tutorial002-004: HTMLResponse', () => {
  const app = new FastAPI()
  app.get('/items/', { response_class: HTMLResponse }, async function read_items() {
    return html
  })
  app.get('/direct/', { response_class: HTMLResponse }, async function read_direct() {
    return new HTMLResponse(html, { status_code: 200 })
  })
  const client = new TestClient(app)

  it('test_get_custom_response: the string is the HTML body', async () => {
    for (const path of ['/items/', '/direct/']) {
      const res = await client.get(path)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.text).toBe(html)
    }
  })

  it('documents text/html with a string schema', () => {
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/items/'].get.responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'text/html': { schema: { type: 'string' } } },
    })
  })
})

describe('custom_response tutorial005: PlainTextResponse', () => {
  const app = new FastAPI()
  app.get('/', { response_class: PlainTextResponse }, async function main() {
    return 'Hello World'
  })
  it('test_get and its document', async () => {
    const res = await new TestClient(app).get('/')
    expect(res.text).toBe('Hello World')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(app.openapi()).toEqual(upstreamOpenAPI('custom_response', 'tutorial005'))
  })
})

describe('custom_response tutorial006/006b/006c: redirects', () => {
  const app = new FastAPI()
  app.get('/typer', async function redirect_typer() {
    return new RedirectResponse('https://typer.tiangolo.com')
  })
  app.get('/fastapi', { response_class: RedirectResponse }, async function redirect_fastapi() {
    return 'https://fastapi.tiangolo.com'
  })
  app.get(
    '/pydantic',
    { response_class: RedirectResponse, status_code: 302 },
    async function redirect_pydantic() {
      return 'https://docs.pydantic.dev/'
    },
  )
  const client = new TestClient(app, { follow_redirects: false })

  it('test_redirect_response_class / status codes 307 and 302', async () => {
    const typer = await client.get('/typer')
    expect([typer.status_code, typer.headers.get('location')]).toEqual([307, 'https://typer.tiangolo.com'])
    const fastapi = await client.get('/fastapi')
    expect([fastapi.status_code, fastapi.headers.get('location')]).toEqual([
      307,
      'https://fastapi.tiangolo.com',
    ])
    const pydantic = await client.get('/pydantic')
    expect([pydantic.status_code, pydantic.headers.get('location')]).toEqual([
      302,
      'https://docs.pydantic.dev/',
    ])
  })

  it('test_openapi_schema (each route as its tutorial documents it)', () => {
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/typer']).toEqual(upstreamOpenAPI('custom_response', 'tutorial006').paths['/typer'])
    expect(doc.paths['/fastapi']).toEqual(
      upstreamOpenAPI('custom_response', 'tutorial006b').paths['/fastapi'],
    )
    expect(doc.paths['/pydantic']).toEqual(
      upstreamOpenAPI('custom_response', 'tutorial006c').paths['/pydantic'],
    )
  })
})

describe('custom_response tutorial007-009: streaming and files', () => {
  const video = join(dir, 'large-video-file.mp4')
  writeFileSync(video, 'some fake video bytes'.repeat(10))
  const app = new FastAPI()
  app.get('/stream', async function main() {
    async function* fake_video_streamer() {
      for (let i = 0; i < 10; i++) yield new TextEncoder().encode('some fake video bytes')
    }
    return new StreamingResponse(fake_video_streamer())
  })
  app.get('/file', async function file() {
    return new FileResponse(video)
  })
  app.get('/download', async function download() {
    return new FileResponse(video, { filename: 'video.mp4' })
  })
  app.get('/by-class', { response_class: FileResponse }, async function by_class() {
    return video
  })
  const client = new TestClient(app)

  it('tutorial007: a StreamingResponse sends every chunk', async () => {
    expect((await client.get('/stream')).text).toBe('some fake video bytes'.repeat(10))
  })

  it('tutorial009/009b: FileResponse with type, length, Last-Modified and ETag', async () => {
    for (const path of ['/file', '/by-class']) {
      const res = await client.get(path)
      expect(res.status_code).toBe(200)
      expect(res.headers.get('content-type')).toBe('video/mp4')
      expect(res.headers.get('content-length')).toBe('210')
      expect(res.headers.get('last-modified')).toMatch(/GMT$/)
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f.]+-d2"$/)
      expect(res.content.length).toBe(210)
    }
    const download = await client.get('/download')
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="video.mp4"')
  })
})

describe('custom_response tutorial010: default_response_class', () => {
  const app = new FastAPI({ default_response_class: HTMLResponse })
  app.get('/items/', async function read_items() {
    return '<h1>Items</h1><p>This is a list of items.</p>'
  })
  it('test_get_custom_response and its document', async () => {
    const res = await new TestClient(app).get('/items/')
    expect(res.text).toBe('<h1>Items</h1><p>This is a list of items.</p>')
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(app.openapi()).toEqual(upstreamOpenAPI('custom_response', 'tutorial010'))
  })
})

describe('Server-Sent Events', () => {
  const app = new FastAPI()
  app.get('/events', async function events() {
    async function* ticks() {
      yield { event: 'tick', id: 1, data: { n: 1 } }
      yield 'plain text'
    }
    return new EventSourceResponse(ticks(), { ping: 0 })
  })
  it('streams text/event-stream with JSON data', async () => {
    const res = await new TestClient(app).get('/events')
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.text).toBe('event: tick\nid: 1\ndata: {"n":1}\n\ndata: plain text\n\n')
  })
})

describe('response_directly tutorial001/002', () => {
  const Item = v.pipe(
    v.object({
      title: v.string(),
      timestamp: v.pipe(v.string(), v.isoTimestamp()),
      description: v.nullish(v.string()),
    }),
    v.title('Item'),
  )
  const app = new FastAPI()
  app.put('/items/{id}', { params: { id: v.string(), item: Item } }, function update_item({ item }) {
    return new JSONResponse(jsonable_encoder({ ...item, timestamp: new Date(item.timestamp) }))
  })
  app.get('/legacy/', function get_legacy_data() {
    return new Response('<?xml version="1.0"?><shampoo><Header>Apply shampoo here.</Header></shampoo>', {
      media_type: 'application/xml',
    })
  })
  const client = new TestClient(app)

  it('tutorial001: jsonable_encoder turns dates into ISO strings', async () => {
    const res = await client.put('/items/1', { json: { title: 'Foo', timestamp: '2023-01-01T12:00:00Z' } })
    expect(res.json()).toEqual({ title: 'Foo', timestamp: '2023-01-01T12:00:00.000Z' })
  })

  it('tutorial002: a raw Response with its media type', async () => {
    const res = await client.get('/legacy/')
    expect(res.headers.get('content-type')).toBe('application/xml')
    expect(res.text).toContain('<shampoo>')
    const doc = app.openapi() as Record<string, any>
    expect(doc.paths['/legacy/']).toEqual(
      upstreamOpenAPI('response_directly', 'tutorial002').paths['/legacy/'],
    )
  })
})
