import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FastAPI, FileResponse, TestClient } from '../index.js'

// Ported from Starlette's tests/test_responses.py (test_file_response_*), the README fixture and
// the requests/answers of its range tests (Starlette >= 0.39 range support).

const README = `# BáiZé

Powerful and exquisite WSGI/ASGI framework/toolkit.

The minimize implementation of methods required in the Web framework. No redundant implementation means that you can freely customize functions without considering the conflict with baize's own implementation.

Under the ASGI/WSGI protocol, the interface of the request object and the response object is almost the same, only need to add or delete \`await\` in the appropriate place. In addition, it should be noted that ASGI supports WebSocket but WSGI does not.
`
const BYTES = new TextEncoder().encode(README)
const SIZE = BYTES.length

const dir = mkdtempSync(join(tmpdir(), 'bustapi-file-'))
const readme = join(dir, 'README.txt')
writeFileSync(readme, BYTES)

const app = new FastAPI()
app.get('/', () => new FileResponse(readme))
app.get('/missing-page', () => new FileResponse(readme, { status_code: 404 }))
const client = new TestClient(app)
const get = (range: string, extra: Record<string, string> = {}) =>
  client.get('/', { headers: { range, ...extra } })

describe('FileResponse answers Range requests as Starlette does', () => {
  it('test_file_response_known_size: 526 bytes', () => expect(SIZE).toBe(526))

  it('test_file_response_without_range: 200, whole file, Accept-Ranges', async () => {
    const res = await client.get('/')
    expect(res.status_code).toBe(200)
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.has('content-range')).toBe(false)
    expect(res.headers.get('content-length')).toBe(String(SIZE))
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.text).toBe(README)
  })

  it('test_file_response_head: headers without a body', async () => {
    const res = await client.head('/')
    expect([res.status_code, res.headers.get('content-length'), res.content.length]).toEqual([
      200,
      String(SIZE),
      0,
    ])
  })

  it('test_file_response_range: 206 with Content-Range and the bytes', async () => {
    const res = await get('bytes=0-100')
    expect(res.status_code).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes 0-100/${SIZE}`)
    expect(res.headers.get('content-length')).toBe('101')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.content).toEqual(BYTES.slice(0, 101))
  })

  it('test_file_response_range_head', async () => {
    const res = await client.head('/', { headers: { range: 'bytes=0-100' } })
    expect(res.status_code).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes 0-100/${SIZE}`)
    expect(res.headers.get('content-length')).toBe('101')
    expect(res.content.length).toBe(0)
  })

  it('test_file_response_range_multi: multipart/byteranges of the declared length', async () => {
    const res = await get('bytes=0-100, 200-300')
    expect(res.status_code).toBe(206)
    expect(res.headers.has('content-range')).toBe(false)
    expect(res.headers.get('content-length')).toBe('448')
    expect(res.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=[0-9a-f]{26}$/)
    expect(res.content.length).toBe(448)
  })

  it('test_file_response_range_multi_head: If-Range must match the ETag', async () => {
    const head = await client.head('/', { headers: { range: 'bytes=0-100, 200-300' } })
    expect([head.status_code, head.headers.get('content-length'), head.content.length]).toEqual([
      206,
      '448',
      0,
    ])
    const etag = head.headers.get('etag')!
    expect((await get('bytes=200-300', { 'if-range': etag.slice(0, -1) })).status_code).toBe(200)
    expect((await get('bytes=200-300', { 'if-range': etag })).status_code).toBe(206)
    const modified = head.headers.get('last-modified')!
    expect((await get('bytes=200-300', { 'if-range': modified })).status_code).toBe(206)
  })

  it('test_file_response_range_count_limit / _exceeded: 100 ranges, then the whole file', async () => {
    const ranges = (n: number) => Array.from({ length: n }, (_, i) => `${i * 2}-${i * 2}`).join(',')
    const within = await get(`bytes=${ranges(100)}`)
    expect(within.status_code).toBe(206)
    expect(within.headers.get('content-type')).toMatch(/^multipart\/byteranges/)
    const over = await get(`bytes=${ranges(101)}`)
    expect([over.status_code, over.headers.has('content-range'), over.text]).toEqual([200, false, README])
  })

  it('test_file_response_range_invalid: 400', async () => {
    expect((await client.head('/', { headers: { range: 'bytes: 0-1000' } })).status_code).toBe(400)
  })

  it('test_file_response_range_head_max: an end past the file is cut to it', async () => {
    const res = await get(`bytes=0-${SIZE + 1}`)
    expect([res.status_code, res.headers.get('content-range')]).toEqual([206, `bytes 0-${SIZE - 1}/${SIZE}`])
  })

  it('test_file_response_range_416: Content-Range bytes */size', async () => {
    const res = await client.head('/', { headers: { range: `bytes=${SIZE + 1}-` } })
    expect([res.status_code, res.headers.get('content-range')]).toEqual([416, `bytes */${SIZE}`])
  })

  it('400 texts: only bytes, range must be requested, start before end', async () => {
    const answers = await Promise.all(
      ['items=0-100', 'bytes=', 'bytes=100-0', 'bytes=5-4'].map((r) => get(r)),
    )
    expect(answers.map((r) => [r.status_code, r.text])).toEqual([
      [400, 'Only support bytes range'],
      [400, 'Range header: range must be requested'],
      [400, 'Range header: start must be less than end'],
      [400, 'Range header: start must be less than end'],
    ])
  })

  it('test_file_response_single_byte_range', async () => {
    const res = await get('bytes=5-5')
    expect([res.status_code, res.headers.get('content-range'), res.headers.get('content-length')]).toEqual([
      206,
      `bytes 5-5/${SIZE}`,
      '1',
    ])
  })

  it('test_file_response_merge_ranges: overlapping ranges become one', async () => {
    const res = await get('bytes=0-100, 50-200')
    expect([res.status_code, res.headers.get('content-length'), res.headers.get('content-range')]).toEqual([
      206,
      '201',
      `bytes 0-200/${SIZE}`,
    ])
  })

  it('test_file_response_insert_ranges: parts sorted, each with its headers', async () => {
    const res = await get('bytes=100-200, 0-50')
    expect(res.status_code).toBe(206)
    const boundary = res.headers.get('content-type')!.split('boundary=')[1]
    expect(res.text.split(/\r?\n/)).toEqual([
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Range: bytes 0-50/526',
      '',
      '# BáiZé',
      '',
      'Powerful and exquisite WSGI/ASGI framewo',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Range: bytes 100-200/526',
      '',
      'ds required in the Web framework. No redundant implementation means that you can freely customize fun',
      `--${boundary}--`,
    ])
  })

  it('parts without a dash, empty or non-numeric are skipped', async () => {
    for (const range of ['bytes=100, 0-50', 'bytes= - , 0-50', 'bytes=abc-def, 0-50']) {
      expect((await get(range)).headers.get('content-range')).toBe(`bytes 0-50/${SIZE}`)
    }
  })

  it('test_file_response_suffix_range (and larger than the file)', async () => {
    const last = await get('bytes=-100')
    expect([last.status_code, last.headers.get('content-range')]).toEqual([
      206,
      `bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`,
    ])
    expect(last.content).toEqual(BYTES.slice(-100))
    const all = await get('bytes=-1000')
    expect([all.headers.get('content-range'), all.text]).toEqual([`bytes 0-${SIZE - 1}/${SIZE}`, README])
  })

  it('test_file_response_ignores_range_for_non_success_status', async () => {
    const res = await client.get('/missing-page', { headers: { range: 'bytes=0-100' } })
    expect([res.status_code, res.headers.has('content-range'), res.text]).toEqual([404, false, README])
  })

  it('test_file_response_multiple_calls: a range request leaves the next one whole', async () => {
    expect((await get('bytes=0-100')).status_code).toBe(206)
    const res = await client.get('/')
    expect([res.status_code, res.headers.get('content-length')]).toEqual([200, String(SIZE)])
  })

  it('a non-ASCII filename goes in filename*, as Starlette quotes it', async () => {
    const named = new FastAPI()
    named.get('/', () => new FileResponse(readme, { filename: 'résumé 1.txt' }))
    const res = await new TestClient(named).get('/')
    expect(res.headers.get('content-disposition')).toBe(
      "attachment; filename*=utf-8''r%C3%A9sum%C3%A9%201.txt",
    )
  })
})
