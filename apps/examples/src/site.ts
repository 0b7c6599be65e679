import { App } from '@bustapi/core'
import { createCoreApp } from './core-app.js'
import { createApp as createShop } from './fastapi/app.js'
import { createApp as createGuestbook } from './flask/app.js'

/** Where each example lives in the site `npm start` serves. */
export const examples = {
  guestbook: '/',
  shop: '/api',
  core: '/core',
} as const

/**
 * Every example in one site: the Flask guestbook at the root, the FastAPI shop under `/api` (its
 * docs at `/api/docs`), the core app under `/core`. Each keeps its own errors and 404s.
 */
export async function createSite(config: { guestbook?: Record<string, unknown> } = {}): Promise<App> {
  const guestbook = createGuestbook(config.guestbook)
  const shop = createShop({ root_path: examples.shop })
  const site = new App()
  site.mount(examples.core, createCoreApp())
  site.mount(examples.shop, shop)
  // The guestbook answers everything else, its own 404 page included.
  site.all('/*', (c) => guestbook.fetch(c.req.raw, c.env))
  site.lifespan(async function* () {
    await shop.startup()
    yield
    await shop.shutdown()
  })
  return site
}
