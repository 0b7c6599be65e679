import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import * as v from 'valibot'
import { Item, PLAINTEXT, user } from '../endpoints.js'
import type { RunningServer, Target } from './types.js'

/** The raw baseline: plain Hono handlers doing the work by hand. */
export function createHonoApp(): Hono {
  let nextId = 0
  const app = new Hono()
  app.get('/plaintext', (c) => c.text(PLAINTEXT))
  app.get('/users/:id', (c) => c.json(user(Number(c.req.param('id')))))
  app.post('/items', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json({ detail: 'Invalid JSON' }, 400)
    }
    const result = v.safeParse(Item, body)
    if (!result.success) return c.json({ detail: result.issues.map((i) => i.message) }, 422)
    return c.json({ id: ++nextId, ...result.output }, 201)
  })
  return app
}

export function listenNode(fetch: (request: Request, env?: any) => Response | Promise<Response>) {
  return new Promise<RunningServer>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    )
  })
}

const app = createHonoApp()

export const target: Target = {
  name: 'hono',
  label: 'raw Hono',
  fetch: (request) => app.fetch(request),
  serve: () => listenNode(app.fetch),
}
