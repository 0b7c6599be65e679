import { expect } from 'vitest'
import { defineCases } from '../types.js'

/** The fixture's large file: 4000 numbered lines of 40 bytes (tests/conformance/fixtures/static). */
const LARGE_SIZE = 160_000
const line = (i: number) => `line ${String(i).padStart(5, '0')} of the large static fixture.\n`

export const staticFiles = defineCases('static files', [
  {
    name: 'a file answers 200 with its type, length, ETag, Last-Modified and Accept-Ranges',
    async run(t) {
      const res = await t.fetch('/static/hello.txt')
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('hello, world')
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(res.headers.get('content-length')).toBe('12')
      expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
      expect(Date.parse(res.headers.get('last-modified') ?? '')).not.toBeNaN()
      expect(res.headers.get('accept-ranges')).toBe('bytes')
      expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    },
  },
  {
    name: 'HEAD answers the headers of GET without a body',
    async run(t) {
      const res = await t.fetch('/static/hello.txt', { method: 'HEAD' })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-length')).toBe('12')
      expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
      expect(await res.text()).toBe('')
    },
  },
  {
    name: 'If-None-Match with the current ETag answers 304 without a body; another tag 200',
    async run(t) {
      const etag = (await t.fetch('/static/hello.txt', { method: 'HEAD' })).headers.get('etag')!
      const same = await t.fetch('/static/hello.txt', { headers: { 'if-none-match': etag } })
      expect(same.status).toBe(304)
      expect(same.headers.get('etag')).toBe(etag)
      expect(await same.text()).toBe('')
      const other = await t.fetch('/static/hello.txt', { headers: { 'if-none-match': '"other"' } })
      expect(other.status).toBe(200)
      await other.arrayBuffer()
    },
  },
  {
    name: 'If-Modified-Since at Last-Modified answers 304; an older date 200',
    async run(t) {
      const modified = (await t.fetch('/static/hello.txt', { method: 'HEAD' })).headers.get('last-modified')!
      const same = await t.fetch('/static/hello.txt', { headers: { 'if-modified-since': modified } })
      expect(same.status).toBe(304)
      await same.arrayBuffer()
      const older = await t.fetch('/static/hello.txt', {
        headers: { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:01 GMT' },
      })
      expect(older.status).toBe(200)
      expect(await older.text()).toBe('hello, world')
    },
  },
  {
    name: 'a byte range answers 206 with Content-Range and exactly those bytes',
    async run(t) {
      for (const [range, body, contentRange] of [
        ['bytes=0-4', 'hello', 'bytes 0-4/12'],
        ['bytes=7-', 'world', 'bytes 7-11/12'],
        ['bytes=-5', 'world', 'bytes 7-11/12'],
      ] as const) {
        const res = await t.fetch('/static/hello.txt', { headers: { range } })
        expect(res.status).toBe(206)
        expect(res.headers.get('content-range')).toBe(contentRange)
        expect(res.headers.get('content-length')).toBe(String(body.length))
        expect(await res.text()).toBe(body)
      }
    },
  },
  {
    name: 'an unsatisfiable range answers 416 with Content-Range bytes */size',
    async run(t) {
      const res = await t.fetch('/static/hello.txt', { headers: { range: 'bytes=100-200' } })
      expect(res.status).toBe(416)
      expect(res.headers.get('content-range')).toBe('bytes */12')
      await res.arrayBuffer()
    },
  },
  {
    name: 'a large file streams whole, and a range from its middle is exact',
    async run(t) {
      const whole = await t.fetch('/static/large.txt')
      expect(whole.headers.get('content-length')).toBe(String(LARGE_SIZE))
      const text = await whole.text()
      expect(text.length).toBe(LARGE_SIZE)
      expect(text.slice(-40)).toBe(line(3999))
      // Lines 2000..2999: crosses every 64 KiB chunk boundary a reader might use.
      const part = await t.fetch('/static/large.txt', { headers: { range: 'bytes=80000-119999' } })
      expect(part.status).toBe(206)
      const lines = await part.text()
      expect(lines.length).toBe(40_000)
      expect(lines.startsWith(line(2000))).toBe(true)
      expect(lines.endsWith(line(2999))).toBe(true)
    },
  },
  {
    name: 'a directory answers its index file, and 404 when it has none',
    async run(t) {
      for (const path of ['/static/docs/', '/static/docs']) {
        const res = await t.fetch(path)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
        expect(await res.text()).toBe('<h1>docs</h1>\n')
      }
      const none = await t.fetch('/static/noindex/')
      expect(none.status).toBe(404)
      await none.arrayBuffer()
    },
  },
  {
    name: 'paths that could leave the root (encoded dots and slashes, NUL, absolute) and dotfiles are 404',
    async run(t) {
      for (const path of [
        '/static/..%2Fsecret.txt',
        '/static/%2e%2e%2fsecret.txt',
        '/static/%2E%2E%2F%2E%2E%2Fsecret.txt',
        '/static/..%5Csecret.txt',
        '/static/docs%2F..%2F..%2Fsecret.txt',
        '/static/hello.txt%00.html',
        '/static/%2Fetc%2Fpasswd',
        '/static//etc/passwd',
        '/static/.env',
      ]) {
        const res = await t.fetch(path)
        const body = await res.text()
        expect([path, res.status]).toEqual([path, 404])
        expect(body).not.toContain('SECRET')
      }
    },
  },
  {
    name: 'a missing file and other methods fall through to the app',
    async run(t) {
      const missing = await t.fetch('/static/missing.txt')
      expect(missing.status).toBe(404)
      await missing.arrayBuffer()
      const post = await t.fetch('/static/hello.txt', { method: 'POST' })
      expect(post.status).toBe(404)
      await post.arrayBuffer()
    },
  },
])
