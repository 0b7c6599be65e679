import { describe, expect, it } from 'vitest'
import { App } from '../app.js'
import { FILE_SOURCE, type FileSource } from './file-source.js'
import { type ServeStaticOptions, serveStatic } from './serve-static.js'

const MTIME = Date.UTC(2024, 0, 2, 3, 4, 5)
const text = (s: string) => new TextEncoder().encode(s)

/** Files in memory; directories are implied by paths. Records what was opened. */
function memorySource(files: Record<string, string | Uint8Array>) {
  const opened: string[] = []
  const source: FileSource = {
    async stat(path) {
      const file = files[path]
      if (file !== undefined) return { isDirectory: false, size: text(String(file)).length, mtime: MTIME }
      if (Object.keys(files).some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`)))
        return { isDirectory: true, size: 0 }
      return undefined
    },
    open(path, range) {
      opened.push(range === undefined ? path : `${path}:${range.start}-${range.end}`)
      const all = typeof files[path] === 'string' ? text(files[path] as string) : (files[path] as Uint8Array)
      const bytes = range === undefined ? all : all.subarray(range.start, range.end + 1)
      let at = 0
      // Pull-based, in 4-byte chunks, so a test can tell streaming from buffering.
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close()
          controller.enqueue(bytes.subarray(at, at + 4))
          at += 4
        },
      })
    },
  }
  return { source, opened }
}

function appWith(options: Partial<ServeStaticOptions> = {}) {
  const mem = memorySource({
    'pub/hello.txt': 'hello, world',
    'pub/site.css': 'body{}',
    'pub/docs/index.html': '<h1>docs</h1>',
    'pub/noindex/other.txt': 'x',
    'pub/.env': 'SECRET=1',
    'pub/empty.txt': '',
    'secret.txt': 'outside the root',
  })
  const app = new App()
  app.use('/static/*', serveStatic({ root: 'pub', prefix: '/static', source: mem.source, ...options }))
  app.get('/static/fallback', (c) => c.text('route after static'))
  return { app, opened: mem.opened }
}

describe('serveStatic', () => {
  it('answers a file with its type, length, validators and Accept-Ranges', async () => {
    const { app } = appWith({ maxAge: 60 })
    const res = await app.request('/static/hello.txt')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('hello, world')
    expect(Object.fromEntries(res.headers)).toEqual({
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=60',
      'content-length': '12',
      'content-type': 'text/plain; charset=utf-8',
      etag: expect.stringMatching(/^"[0-9a-z]+-[0-9a-z]+"$/),
      'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT',
    })
  })

  it('streams the file rather than reading it whole', async () => {
    const { app } = appWith()
    const res = await app.request('/static/hello.txt')
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(first.value?.length).toBe(4)
    await reader.cancel()
  })

  it('answers HEAD with the headers of GET and no body, without opening the file', async () => {
    const { app, opened } = appWith()
    const res = await app.request('/static/hello.txt', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('12')
    expect(await res.text()).toBe('')
    expect(opened).toEqual([])
  })

  it('answers 304 to a matching If-None-Match (weakly compared) or `*`', async () => {
    const { app, opened } = appWith()
    const etag = (await app.request('/static/hello.txt')).headers.get('etag')!
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await app.request('/static/hello.txt', { headers: { 'if-none-match': inm } })
      expect(res.status).toBe(304)
      expect(res.headers.get('etag')).toBe(etag)
      expect(await res.text()).toBe('')
    }
    const changed = await app.request('/static/hello.txt', { headers: { 'if-none-match': '"nope"' } })
    expect(changed.status).toBe(200)
    expect(opened).toEqual(['pub/hello.txt', 'pub/hello.txt'])
  })

  it('answers 304 to If-Modified-Since at or after Last-Modified, unless If-None-Match is sent', async () => {
    const { app } = appWith()
    const at = (since: string, extra: Record<string, string> = {}) =>
      app.request('/static/hello.txt', { headers: { 'if-modified-since': since, ...extra } })
    expect((await at('Tue, 02 Jan 2024 03:04:05 GMT')).status).toBe(304)
    expect((await at('Wed, 03 Jan 2024 00:00:00 GMT')).status).toBe(304)
    expect((await at('Mon, 01 Jan 2024 00:00:00 GMT')).status).toBe(200)
    expect((await at('not a date')).status).toBe(200)
    expect((await at('Wed, 03 Jan 2024 00:00:00 GMT', { 'if-none-match': '"nope"' })).status).toBe(200)
  })

  it('answers a byte range with 206 and Content-Range, opening only that span', async () => {
    const { app, opened } = appWith()
    const cases: [string, string, string][] = [
      ['bytes=0-4', 'hello', 'bytes 0-4/12'],
      ['bytes=7-', 'world', 'bytes 7-11/12'],
      ['bytes=-5', 'world', 'bytes 7-11/12'],
      ['bytes=7-100', 'world', 'bytes 7-11/12'],
    ]
    for (const [range, body, contentRange] of cases) {
      const res = await app.request('/static/hello.txt', { headers: { range } })
      expect(res.status).toBe(206)
      expect(res.headers.get('content-range')).toBe(contentRange)
      expect(res.headers.get('content-length')).toBe(String(body.length))
      expect(await res.text()).toBe(body)
    }
    expect(opened[0]).toBe('pub/hello.txt:0-4')
  })

  it('answers an unsatisfiable range with 416 and `bytes */size`', async () => {
    const { app } = appWith()
    for (const range of ['bytes=12-', 'bytes=100-200', 'bytes=-0']) {
      const res = await app.request('/static/hello.txt', { headers: { range } })
      expect(res.status).toBe(416)
      expect(res.headers.get('content-range')).toBe('bytes */12')
    }
  })

  it('sends the whole file for a range it does not serve (malformed, several, other units)', async () => {
    const { app } = appWith()
    for (const range of ['bytes=0-1,3-4', 'items=0-1', 'bytes=5-2', 'nonsense']) {
      const res = await app.request('/static/hello.txt', { headers: { range } })
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('hello, world')
    }
  })

  it('honours a range only while If-Range still names the current file', async () => {
    const { app } = appWith()
    const first = await app.request('/static/hello.txt')
    const etag = first.headers.get('etag')!
    const modified = first.headers.get('last-modified')!
    const get = (ifRange: string) =>
      app.request('/static/hello.txt', { headers: { range: 'bytes=0-4', 'if-range': ifRange } })
    expect((await get(etag)).status).toBe(206)
    expect((await get(modified)).status).toBe(206)
    expect((await get('"stale"')).status).toBe(200)
    expect((await get('Mon, 01 Jan 2024 00:00:00 GMT')).status).toBe(200)
  })

  it('answers a directory with its index file, and 404 without one', async () => {
    const { app } = appWith()
    for (const path of ['/static/docs/', '/static/docs']) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toBe('<h1>docs</h1>')
    }
    expect((await app.request('/static/noindex/')).status).toBe(404)
    expect((await appWith({ index: false }).app.request('/static/docs/')).status).toBe(404)
  })

  it('answers an empty file with an empty 200', async () => {
    const res = await appWith().app.request('/static/empty.txt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('0')
    expect(await res.text()).toBe('')
  })

  it('never leaves the root: traversal, encoded separators, NUL and absolute paths are 404', async () => {
    const { app, opened } = appWith()
    const hostile = [
      '/static/..%2Fsecret.txt',
      '/static/%2e%2e%2fsecret.txt',
      '/static/%2E%2E%2Fsecret.txt',
      '/static/..%5Csecret.txt',
      '/static/docs%2F..%2F..%2Fsecret.txt',
      '/static/hello.txt%00.png',
      '/static/%2Fetc%2Fpasswd',
      '/static//etc/passwd',
      '/static/C:%5Cwindows',
      '/static/%E0%A4%A',
      '/static/.env',
    ]
    for (const path of hostile) {
      const res = await app.request(path)
      expect([path, res.status]).toEqual([path, 404])
    }
    expect(opened).toEqual([])
  })

  it('serves dotfiles only when asked to', async () => {
    const res = await appWith({ dotfiles: true }).app.request('/static/.env')
    expect(await res.text()).toBe('SECRET=1')
  })

  it('lets misses and other methods fall through to later routes', async () => {
    const { app } = appWith()
    expect(await (await app.request('/static/fallback')).text()).toBe('route after static')
    expect((await app.request('/static/hello.txt', { method: 'POST' })).status).toBe(404)
  })

  it('finds the source on env when none is given', async () => {
    const { source } = memorySource({ 'www/a.txt': 'from env' })
    const app = new App()
    app.use(serveStatic({ root: 'www' }))
    const res = await app.request('/a.txt', {}, { [FILE_SOURCE]: source })
    expect(await res.text()).toBe('from env')
    expect((await app.request('/missing.txt', {}, { [FILE_SOURCE]: source })).status).toBe(404)
  })

  it('works as a route handler', async () => {
    const { source } = memorySource({ 'www/a.txt': 'as a route' })
    const app = new App()
    app.get('/files/*', serveStatic({ root: 'www', prefix: '/files', source }))
    expect(await (await app.request('/files/a.txt')).text()).toBe('as a route')
  })

  it('fails with a sentence saying how to fix it when there is no file source', async () => {
    const errors: unknown[] = []
    const app = new App({ reportError: (e) => void errors.push(e) })
    app.use(serveStatic({ root: 'www' }))
    expect((await app.request('/a.txt')).status).toBe(500)
    expect(String(errors[0])).toMatch(/serveStatic has no file source: serve the app with @bustapi\/adapters/)
  })
})
