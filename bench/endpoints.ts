import * as v from 'valibot'

/** The item every `POST /items` validates: what a typical create endpoint accepts. */
export const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  price: v.pipe(v.number(), v.minValue(0)),
  tags: v.array(v.string()),
  description: v.optional(v.string()),
})
export type Item = v.InferOutput<typeof Item>

/** What `POST /items` answers: the stored item with its id (also a schema, for response models). */
export const StoredItem = v.object({ id: v.number(), ...Item.entries })
export type StoredItem = v.InferOutput<typeof StoredItem>

export const validItem: Item = { name: 'Widget', price: 9.5, tags: ['a', 'b'], description: 'A widget' }

/** One request of the load: the same three for every framework. */
export interface Endpoint {
  readonly name: string
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: string
  readonly status: number
}

export const endpoints: readonly Endpoint[] = [
  { name: 'GET /plaintext', method: 'GET', path: '/plaintext', status: 200 },
  { name: 'GET /users/:id', method: 'GET', path: '/users/42', status: 200 },
  { name: 'POST /items', method: 'POST', path: '/items', body: JSON.stringify(validItem), status: 201 },
]

export const PLAINTEXT = 'Hello, World!'

/** The body of `GET /users/:id`, built the same way by every target. */
export function user(id: number): { id: number; name: string; email: string } {
  return { id, name: `user${id}`, email: `user${id}@example.com` }
}

export function requestFor(endpoint: Endpoint, origin = 'http://localhost'): Request {
  return endpoint.body === undefined
    ? new Request(origin + endpoint.path)
    : new Request(origin + endpoint.path, {
        method: endpoint.method,
        body: endpoint.body,
        headers: { 'content-type': 'application/json' },
      })
}
