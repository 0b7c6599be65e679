import { describe, expect, it } from 'vitest'
import { createCoreApp } from './core-app.js'
import { createSite } from './site.js'

describe('example site', () => {
  it('serves the Flask guestbook at the root', async () => {
    const res = await (await createSite()).request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('href="/auth/login"')
  })

  it('serves the FastAPI shop under /api with its docs pointing at /api/openapi.json', async () => {
    const site = await createSite()
    await site.startup()
    try {
      const docs = await site.request('/api/docs')
      expect(docs.status).toBe(200)
      expect(await docs.text()).toContain('/api/openapi.json')
      const openapi = await site.request('/api/openapi.json')
      expect((await openapi.json()).info.title).toBe('BustAPI example shop')
      const denied = await site.request('/api/items/', { method: 'POST', body: '{}' })
      expect(denied.status).toBe(401)
    } finally {
      await site.shutdown()
    }
  })

  it('serves the core app under /core and the guestbook 404 elsewhere', async () => {
    const site = await createSite()
    expect(await (await site.request('/core/hello/ada')).json()).toEqual({ greeting: 'Hello, ada!' })
    const missing = await site.request('/no/such/page')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('Not Found')
  })
})

describe('core example', () => {
  it('greets by name with CORS and secure headers', async () => {
    const res = await createCoreApp().request('/hello/ada', { headers: { origin: 'https://x.example' } })
    expect(await res.json()).toEqual({ greeting: 'Hello, ada!' })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBe('bustapi')
  })

  it('counts visits in a signed cookie and ignores a forged one', async () => {
    const app = createCoreApp({ secrets: ['test-secret'] })
    const first = await app.request('/visits', { method: 'POST' })
    expect(await first.json()).toEqual({ visits: 1 })
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!
    const second = await app.request('/visits', { method: 'POST', headers: { cookie } })
    expect(await second.json()).toEqual({ visits: 2 })
    const forged = cookie.replace(/^visits=1/, 'visits=99')
    expect(
      await (await app.request('/visits', { method: 'POST', headers: { cookie: forged } })).json(),
    ).toEqual({
      visits: 1,
    })
  })

  it('answers an HTTPException with its status', async () => {
    expect((await createCoreApp().request('/teapot')).status).toBe(418)
  })
})
