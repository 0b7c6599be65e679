import { serve } from '@bustapi/adapters/node'
import { Flask, request } from '@bustapi/flask-compat'
import * as v from 'valibot'
import { Item, PLAINTEXT, user } from '../endpoints.js'
import type { Target } from './types.js'

/**
 * The three endpoints as a Flask developer writes them: views read `request` through the context
 * locals and return dicts; the baseline is raw Hono giving the same answers byte for byte.
 */
export function createFlaskApp(): Flask {
  let nextId = 0
  const app = new Flask('bench')
  app.get('/plaintext', () => PLAINTEXT)
  app.get('/users/<int:id>', ({ id }) => user(id))
  app.post('/items', () => {
    const result = v.safeParse(Item, request.get_json())
    if (!result.success) return [{ detail: result.issues.map((i) => i.message) }, 422]
    return [{ id: ++nextId, ...result.output }, 201]
  })
  return app
}

const app = createFlaskApp()

export const target: Target = {
  name: 'flask',
  label: '@bustapi/flask-compat',
  baseline: 'hono-flask',
  fetch: (req) => app.fetch(req),
  async serve() {
    const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    return { url: handle.url, close: () => handle.close() }
  },
}
