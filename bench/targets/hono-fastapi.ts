import { Hono } from 'hono'
import * as v from 'valibot'
import { Item, PLAINTEXT, StoredItem, user } from '../endpoints.js'
import { listenNode } from './hono.js'
import type { Target } from './types.js'

const UserId = v.pipe(v.number(), v.integer())

/** The store a FastAPI route receives through `Depends`; here, called by hand. */
export function itemStore() {
  let nextId = 0
  return { add: (item: Item): StoredItem => ({ id: ++nextId, ...item }) }
}

/**
 * The raw baseline of the FastAPI rows: what a FastAPI route declares, written by hand in Hono —
 * the path parameter parsed and validated, the body validated, a dependency called, and the
 * output validated against its response model.
 */
export function createHonoFastAPIApp(): Hono {
  const store = itemStore()
  const getStore = () => store
  const app = new Hono()
  app.get('/plaintext', (c) => c.text(PLAINTEXT))
  app.get('/users/:id', (c) => {
    const id = v.safeParse(UserId, Number(c.req.param('id')))
    if (!id.success) return c.json({ detail: id.issues.map((i) => i.message) }, 422)
    return c.json(user(id.output))
  })
  app.post('/items', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json({ detail: 'Invalid JSON' }, 422)
    }
    const item = v.safeParse(Item, body)
    if (!item.success) return c.json({ detail: item.issues.map((i) => i.message) }, 422)
    return c.json(v.parse(StoredItem, getStore().add(item.output)), 201)
  })
  return app
}

const app = createHonoFastAPIApp()

export const target: Target = {
  name: 'hono-fastapi',
  label: 'raw Hono, FastAPI work by hand',
  fetch: (request) => app.fetch(request),
  serve: () => listenNode(app.fetch),
}
