import { serve } from '@bustapi/adapters/node'
import { Body, Depends, FastAPI, Path, PlainTextResponse } from '@bustapi/fastapi-compat'
import * as v from 'valibot'
import { Item, PLAINTEXT, StoredItem, user } from '../endpoints.js'
import { itemStore } from './hono-fastapi.js'
import type { Target } from './types.js'

/** The three endpoints as a FastAPI developer writes them: Path, Body, Depends, response_model. */
export function createFastAPIApp(): FastAPI {
  const store = itemStore()
  const get_store = () => store
  const app = new FastAPI({ title: 'bench' })
  app.get('/plaintext', { response_class: PlainTextResponse }, () => PLAINTEXT)
  app.get('/users/{id}', { params: { id: Path(v.pipe(v.number(), v.integer())) } }, ({ id }) => user(id))
  app.post(
    '/items',
    { params: { item: Body(Item), store: Depends(get_store) }, response_model: StoredItem, status_code: 201 },
    ({ item, store }) => store.add(item),
  )
  return app
}

const app = createFastAPIApp()

export const target: Target = {
  name: 'fastapi',
  label: '@bustapi/fastapi-compat',
  baseline: 'hono-fastapi',
  fetch: (request) => app.fetch(request),
  async serve() {
    const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    return { url: handle.url, close: () => handle.close() }
  },
}
