import { serve } from '@bustapi/adapters/node'
import { App, readJson } from '@bustapi/core'
import * as v from 'valibot'
import { Item, PLAINTEXT, user } from '../endpoints.js'
import type { Target } from './types.js'

/** The same three endpoints on a core `App`; the body goes through core's bounded JSON reader. */
export function createCoreApp(): App {
  let nextId = 0
  const app = new App()
  app.get('/plaintext', (c) => c.text(PLAINTEXT))
  app.get('/users/:id', (c) => c.json(user(Number(c.req.param('id')))))
  app.post('/items', async (c) => {
    const result = v.safeParse(Item, await readJson(c))
    if (!result.success) return c.json({ detail: result.issues.map((i) => i.message) }, 422)
    return c.json({ id: ++nextId, ...result.output }, 201)
  })
  return app
}

const app = createCoreApp()

export const target: Target = {
  name: 'core',
  label: '@bustapi/core',
  baseline: 'hono',
  fetch: (request) => app.fetch(request),
  async serve() {
    const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    return { url: handle.url, close: () => handle.close() }
  },
}
