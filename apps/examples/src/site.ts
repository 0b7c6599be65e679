import { App } from '@bustapi/core'
import { createCoreApp } from './core-app.js'

/** Every example application, mounted into one site. */
export async function createSite(): Promise<App> {
  const site = new App()
  site.get('/', (c) =>
    c.html(
      '<!doctype html><title>BustAPI examples</title><h1>BustAPI examples</h1>' +
        '<ul><li><a href="/core/hello/world">/core</a>: core App with Hono middleware</li></ul>',
    ),
  )
  site.mount('/core', createCoreApp())
  return site
}
