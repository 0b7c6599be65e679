import { App, serveStatic } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { assetsSource, worker } from './index.js'

/** Answers like workerd's disk service: HEAD, a JSON listing for a folder, Range only if `ranges`. */
function fetcher(files: Record<string, string>, ranges: boolean) {
  const seen: string[] = []
  return {
    seen,
    async fetch(request: Request): Promise<Response> {
      const path = decodeURIComponent(new URL(request.url).pathname)
      seen.push(`${request.method} ${path}`)
      const body = files[path]
      const modified = { 'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT' }
      if (body === undefined) {
        if (Object.keys(files).some((p) => p.startsWith(`${path}/`)))
          return new Response('[]', { headers: { 'content-type': 'application/json', ...modified } })
        return new Response('Not Found', { status: 404 })
      }
      const range = /bytes=(\d+)-(\d+)/.exec(request.headers.get('range') ?? '')
      if (ranges && range) {
        const part = body.slice(Number(range[1]), Number(range[2]) + 1)
        return new Response(part, { status: 206, headers: { 'content-length': String(part.length) } })
      }
      const headers = {
        'content-length': String(body.length),
        'content-type': 'application/octet-stream',
        ...modified,
      }
      return new Response(request.method === 'HEAD' ? null : body, { headers })
    },
  }
}

const files = { '/a b.txt': 'hello, world', '/docs/index.html': '<h1>docs</h1>' }

describe('serveStatic over an assets binding', () => {
  it('serves files, ranges and index files through worker() with an ASSETS binding', async () => {
    for (const ranges of [true, false]) {
      const assets = fetcher(files, ranges)
      const app = new App()
      app.use(serveStatic({ root: '/' }))
      const mod = worker(app)
      const env = { ASSETS: assets }
      const ctx = { waitUntil() {} }
      const get = (path: string, headers: Record<string, string> = {}) =>
        mod.fetch(new Request(`http://w${path}`, { headers }), env, ctx)
      const whole = await get('/a%20b.txt')
      expect(whole.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(whole.headers.get('last-modified')).toBe('Tue, 02 Jan 2024 03:04:05 GMT')
      expect(await whole.text()).toBe('hello, world')
      const part = await get('/a%20b.txt', { range: 'bytes=7-11' })
      expect([part.status, await part.text()]).toEqual([206, 'world'])
      expect(await (await get('/docs/')).text()).toBe('<h1>docs</h1>')
      expect((await get('/missing.txt')).status).toBe(404)
      expect(Object.keys(env)).toEqual(['ASSETS'])
    }
  })

  it('reads the binding named by assetsSource() when the app is exported itself', async () => {
    const assets = fetcher(files, true)
    const app = new App()
    app.use('/static/*', serveStatic({ root: '/', prefix: '/static', source: assetsSource('STATIC') }))
    const res = await app.fetch(new Request('http://w/static/a%20b.txt'), { STATIC: assets })
    expect(await res.text()).toBe('hello, world')
    expect(assets.seen).toEqual(['HEAD /a b.txt', 'GET /a b.txt'])
  })
})
