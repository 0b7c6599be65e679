import { Hono } from 'hono'
import * as v from 'valibot'
import { Item, PLAINTEXT, user } from '../endpoints.js'
import { listenNode } from './hono.js'
import type { Target } from './types.js'

const NON_ASCII = /[\u0080-\uffff]/g

/** Key order of `JSON.stringify`'s replacer: every object's keys sorted, as Flask's `sort_keys`. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k]
  return sorted
}

/** JSON as Flask's provider writes it: sorted keys, `\uXXXX` for non-ASCII, a final newline. */
function flaskJson(value: unknown, status = 200): Response {
  let text = JSON.stringify(value, sortedKeys)
  if (NON_ASCII.test(text))
    text = text.replace(NON_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  NON_ASCII.lastIndex = 0
  text += '\n'
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
  })
}

/**
 * The raw baseline of the Flask rows: the same three answers as the Flask app, byte for byte,
 * written by hand in Hono — the `int` converter as a route pattern, text/html for strings,
 * Content-Length on every body, and JSON with Flask's sorted keys, ASCII escapes and newline.
 */
export function createHonoFlaskApp(): Hono {
  let nextId = 0
  const app = new Hono()
  app.get(
    '/plaintext',
    () =>
      new Response(PLAINTEXT, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(Buffer.byteLength(PLAINTEXT)),
        },
      }),
  )
  app.get('/users/:id{[0-9]+}', (c) => flaskJson(user(Number(c.req.param('id')))))
  app.post('/items', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return flaskJson({ detail: 'Invalid JSON' }, 400)
    }
    const result = v.safeParse(Item, body)
    if (!result.success) return flaskJson({ detail: result.issues.map((i) => i.message) }, 422)
    return flaskJson({ id: ++nextId, ...result.output }, 201)
  })
  return app
}

const app = createHonoFlaskApp()

export const target: Target = {
  name: 'hono-flask',
  label: 'raw Hono, Flask work by hand',
  fetch: (request) => app.fetch(request),
  serve: () => listenNode(app.fetch),
}
