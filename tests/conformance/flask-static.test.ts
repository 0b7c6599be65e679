import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundle } from './runtimes/bundle.js'
import { findBinary, freePort, ROOT, startChild } from './runtimes/child-target.js'

const workerd = findBinary('workerd', ['--version'])

/** The Worker's assets: the fixtures folder, so `static/hello.txt` is the asset `/static/hello.txt`. */
const ASSETS_DIR = join(ROOT, 'tests/conformance/fixtures')

function config(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "assets", disk = (path = ${JSON.stringify(ASSETS_DIR)}, writable = false)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [ (name = "ASSETS", service = "assets") ],
);
`
}

// Flask's static route and send_file read the assets binding on Workers (no file system there).
describe('flask-compat files on workerd', () => {
  it.skipIf(workerd.missing !== undefined)(
    `the static route and send_file answer from the assets binding${workerd.missing ? ` (skipped: ${workerd.missing})` : ''}`,
    { timeout: 30_000 },
    async () => {
      const entry = join(ROOT, '.cache/flask-static/worker.ts')
      mkdirSync(dirname(entry), { recursive: true })
      writeFileSync(
        entry,
        `import { worker } from '@bustapi/adapters/workers'
import { Flask, send_file } from '@bustapi/flask-compat'
const app = new Flask('app', { root_path: '/' })
app.get('/alive', () => 'ok')
app.get('/report', () => send_file('secret.txt', { as_attachment: true, download_name: 'report.txt' }))
export default worker(app)
`,
      )
      const file = await bundle(entry, 'neutral')
      const port = await freePort()
      const capnp = join(dirname(file), 'config.capnp')
      writeFileSync(capnp, config(port))
      const target = await startChild('workerd', workerd.path, ['serve', capnp], {
        url: `http://127.0.0.1:${port}`,
      })
      try {
        const hello = readFileSync(join(ASSETS_DIR, 'static/hello.txt'), 'utf8')
        const res = await target.fetch('/static/hello.txt')
        expect(res.status).toBe(200)
        expect(await res.text()).toBe(hello)
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
        const etag = res.headers.get('etag')
        expect(etag).toMatch(/^"/)

        const again = await target.fetch('/static/hello.txt', { headers: { 'if-none-match': etag! } })
        expect(again.status).toBe(304)
        const part = await target.fetch('/static/hello.txt', { headers: { range: 'bytes=0-4' } })
        expect([part.status, await part.text()]).toEqual([206, hello.slice(0, 5)])

        const report = await target.fetch('/report')
        expect(report.status).toBe(200)
        expect(report.headers.get('content-disposition')).toBe('attachment; filename=report.txt')
        expect(await report.text()).toBe(readFileSync(join(ASSETS_DIR, 'secret.txt'), 'utf8'))

        for (const path of ['/static/%2e%2e/secret.txt', '/static/missing.txt', '/static/..%2fsecret.txt'])
          expect((await target.fetch(path)).status, path).toBe(404)
      } finally {
        await target.close()
      }
    },
  )
})
