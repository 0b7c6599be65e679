import Fastify, { type FastifyError } from 'fastify'
import { PLAINTEXT, user } from '../endpoints.js'
import type { Target } from './types.js'

/** The outside reference: Fastify with JSON-schema validation (compiled by ajv), HTTP only. */
const itemSchema = {
  type: 'object',
  required: ['name', 'price', 'tags'],
  properties: {
    name: { type: 'string', minLength: 1 },
    price: { type: 'number', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
  },
} as const

export const target: Target = {
  name: 'fastify',
  label: 'Fastify (reference)',
  async serve() {
    let nextId = 0
    const app = Fastify({ logger: false })
    app.get('/plaintext', (_req, reply) => reply.type('text/plain; charset=UTF-8').send(PLAINTEXT))
    app.get<{ Params: { id: string } }>('/users/:id', (req) => user(Number(req.params.id)))
    app.post<{ Body: Record<string, unknown> }>('/items', { schema: { body: itemSchema } }, (req, reply) => {
      reply.code(201)
      return { id: ++nextId, ...req.body }
    })
    // Fastify's validation error is 400; the contract of this endpoint is 422.
    app.setErrorHandler((error: FastifyError, _req, reply) => {
      const status = error.validation ? 422 : (error.statusCode ?? 500)
      reply.code(status).send({ detail: error.message })
    })
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: address, close: () => app.close() }
  },
}
