import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerHandle, serve } from '@bustapi/adapters/node'
import type { FastAPI } from '@bustapi/fastapi-compat'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kitchenSink } from './apps.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !existsSync(CHROMIUM)
if (missing)
  console.warn(
    `[fastapi-docs] skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`,
  )

// Swagger UI must render the operations from the app's own /openapi.json, with its assets served
// by the app (no outside request), in a real browser against a real Node server.
describe.skipIf(missing)('/docs and /redoc in headless Chromium', () => {
  let app: FastAPI
  let server: ServerHandle
  let browser: BrowserContext
  let profile: string

  beforeAll(async () => {
    app = kitchenSink()
    server = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    profile = mkdtempSync(join(tmpdir(), 'bustapi-chromium-'))
    // playwright takes the fresh profile directory itself (it refuses a --user-data-dir argument).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
  })

  it('Swagger UI renders every documented operation', async () => {
    const page = await browser.newPage()
    const outside: string[] = []
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url.replace(/\/$/, ''))) outside.push(r.url())
    })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${server.url.replace(/\/$/, '')}/docs`)
    await page.waitForSelector('.opblock', { timeout: 20_000 })
    const paths = await page.$$eval('.opblock .opblock-summary-path', (nodes) =>
      nodes.map((n) => n.getAttribute('data-path') ?? n.textContent ?? ''),
    )
    const methods = await page.$$eval('.opblock .opblock-summary-method', (nodes) =>
      nodes.map((n) => n.textContent),
    )
    expect(new Set(paths)).toEqual(new Set(Object.keys((app.openapi() as { paths: object }).paths)))
    expect(methods).toContain('DELETE')
    expect(await page.title()).toBe('Kitchen sink - Swagger UI')
    expect(await page.textContent('.info .title')).toContain('Kitchen sink')
    // The Authorize button comes from the OAuth2 and HTTP Basic security schemes.
    expect(await page.$('.btn.authorize')).not.toBeNull()
    expect(errors).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  }, 60_000)

  it('an operation expands to show its parameters', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url.replace(/\/$/, '')}/docs`)
    await page.waitForSelector('#operations-items-read_item_items__item_id__get')
    await page.click('#operations-items-read_item_items__item_id__get .opblock-summary-control')
    await page.waitForSelector('#operations-items-read_item_items__item_id__get .parameters')
    const names = await page.$$eval(
      '#operations-items-read_item_items__item_id__get .parameter__name',
      (nodes) => nodes.map((n) => n.childNodes[0]?.textContent?.trim()),
    )
    expect(names).toEqual(['item_id', 'user-agent', 'session'])
    await page.close()
  }, 60_000)

  it('/redoc loads its page pointing at the document', async () => {
    const page = await browser.newPage()
    const res = await page.goto(`${server.url.replace(/\/$/, '')}/redoc`)
    expect(res?.status()).toBe(200)
    expect(await page.title()).toBe('Kitchen sink - ReDoc')
    expect(await page.getAttribute('redoc', 'spec-url')).toBe('/openapi.json')
    await page.close()
  }, 60_000)
})
