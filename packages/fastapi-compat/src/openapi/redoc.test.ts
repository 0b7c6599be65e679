import { describe, expect, it } from 'vitest'
import { FastAPI, get_redoc_html, TestClient } from '../index.js'
import { findRedocBundle } from './swagger-assets.js'

// FastAPI's get_redoc_html takes redoc_js_url; without the optional `redoc` package installed
// (as in this workspace) the page loads Redocly's own CDN build.

const REDOCLY = 'https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js'

describe('/redoc without the redoc package installed', () => {
  it('this workspace has no redoc package (the premise of these tests)', () => {
    expect(findRedocBundle([import.meta.url])).toBeUndefined()
  })

  it("the page loads Redocly's CDN bundle and the spec URL", async () => {
    const res = await new TestClient(new FastAPI({ title: 'Shop' })).get('/redoc')
    expect(res.status_code).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.text).toContain(`<script src="${REDOCLY}"> </script>`)
    expect(res.text).toContain('<redoc spec-url="/openapi.json"></redoc>')
    expect(res.text).toContain('<title>Shop - ReDoc</title>')
  })

  it("the local bundle path answers FastAPI's 404", async () => {
    const res = await new TestClient(new FastAPI()).get('/redoc/assets/redoc.standalone.js')
    expect([res.status_code, res.json()]).toEqual([404, { detail: 'Not Found' }])
  })

  it('an unknown Swagger UI asset answers 404 too', async () => {
    const res = await new TestClient(new FastAPI()).get('/docs/assets/secret.txt')
    expect([res.status_code, res.json()]).toEqual([404, { detail: 'Not Found' }])
  })

  it('redoc_js_url chooses the script', async () => {
    const app = new FastAPI({ redoc_js_url: '/static/redoc.standalone.js' })
    expect((await new TestClient(app).get('/redoc')).text).toContain(
      '<script src="/static/redoc.standalone.js"> </script>',
    )
  })

  it('get_redoc_html defaults to the same bundle and escapes what it embeds', () => {
    const page = get_redoc_html({ openapi_url: '/openapi.json?a=1&b=2', title: '<Shop>' })
    expect(page).toContain(`<script src="${REDOCLY}"> </script>`)
    expect(page).toContain('spec-url="/openapi.json?a=1&amp;b=2"')
    expect(page).toContain('<title>&lt;Shop&gt;</title>')
  })
})

describe('/docs script and stylesheet options', () => {
  it('swagger_js_url and swagger_css_url replace the served swagger-ui-dist files', async () => {
    const app = new FastAPI({
      swagger_js_url: '/static/swagger-ui-bundle.js',
      swagger_css_url: '/static/swagger-ui.css',
    })
    const page = (await new TestClient(app).get('/docs')).text
    expect(page).toContain('<script src="/static/swagger-ui-bundle.js"></script>')
    expect(page).toContain('href="/static/swagger-ui.css"')
  })

  it('by default /docs loads the files the app serves itself', async () => {
    const client = new TestClient(new FastAPI())
    const page = (await client.get('/docs')).text
    expect(page).toContain('<script src="/docs/assets/swagger-ui-bundle.js"></script>')
    expect((await client.get('/docs/assets/swagger-ui-bundle.js')).status_code).toBe(200)
  })
})
