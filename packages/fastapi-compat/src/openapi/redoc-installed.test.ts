import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FastAPI, TestClient } from '../index.js'

// With `redoc` installed in the application's node_modules, /redoc serves its bundle itself
// (as /docs serves swagger-ui-dist), so the page makes no outside request for its script.
// The application is simulated by a working directory holding a stand-in package.

const project = mkdtempSync(join(tmpdir(), 'bustapi-redoc-'))
mkdirSync(join(project, 'node_modules/redoc/bundles'), { recursive: true })
writeFileSync(join(project, 'node_modules/redoc/package.json'), '{"name":"redoc","version":"2.0.0"}')
writeFileSync(join(project, 'node_modules/redoc/bundles/redoc.standalone.js'), 'window.Redoc = {}\n')

describe('/redoc with the redoc package installed', () => {
  // Looked up once per process, on the first /redoc visit: this file's module registry is its own.
  vi.spyOn(process, 'cwd').mockReturnValue(project)

  it('the page references the bundle the app serves under /redoc/assets', async () => {
    const client = new TestClient(new FastAPI())
    const page = (await client.get('/redoc')).text
    expect(page).toContain('<script src="/redoc/assets/redoc.standalone.js"> </script>')
    const js = await client.get('/redoc/assets/redoc.standalone.js')
    expect(js.status_code).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.text).toBe('window.Redoc = {}\n')
  })

  it('a root_path prefixes the script URL; a custom redoc_url moves it', async () => {
    const app = new FastAPI({ root_path: '/api', redoc_url: '/reference' })
    const client = new TestClient(app)
    expect((await client.get('/reference')).text).toContain(
      '<script src="/api/reference/assets/redoc.standalone.js"> </script>',
    )
    expect((await client.get('/reference/assets/redoc.standalone.js')).status_code).toBe(200)
  })

  it('an explicit redoc_js_url still wins', async () => {
    const app = new FastAPI({ redoc_js_url: 'https://cdn.redoc.ly/redoc/v2.1.5/bundles/redoc.standalone.js' })
    expect((await new TestClient(app).get('/redoc')).text).toContain(
      '<script src="https://cdn.redoc.ly/redoc/v2.1.5/bundles/redoc.standalone.js"> </script>',
    )
  })
})
