import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { createApp as exampleApp } from '../../apps/examples/src/fastapi/app.js'
import { behindProxy, kitchenSink, minimal } from './apps.js'

// Each generated document must pass a real OpenAPI 3.1 validator, not only match our expectations.
async function validate(doc: unknown) {
  const validator = new Validator()
  const result = await validator.validate(structuredClone(doc) as Parameters<Validator['validate']>[0])
  return { ...result, version: validator.version }
}

describe('generated OpenAPI documents pass @seriousme/openapi-schema-validator', () => {
  for (const [name, make] of [
    ['kitchen sink', kitchenSink],
    ['behind a proxy', behindProxy],
    ['minimal', minimal],
    ['the example shop API', exampleApp],
  ] as const) {
    it(`${name} is a valid OpenAPI 3.1 document`, async () => {
      const app = make()
      const result = await validate(app.openapi())
      expect(result.errors).toBeUndefined()
      expect(result.valid).toBe(true)
      expect(result.version).toBe('3.1')
    })
  }

  it('the kitchen sink documents what it declares', () => {
    const doc = kitchenSink().openapi() as Record<string, any>
    expect(Object.keys(doc.paths)).toEqual([
      '/items/',
      '/items/{item_id}',
      '/token',
      '/users/me',
      '/admin',
      '/files/',
      '/login/',
      '/page',
      '/text',
      '/files/{file_path}',
    ])
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['items', 'users'])
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['HTTPBasic', 'OAuth2PasswordBearer'])
    expect(doc.paths['/users/me'].get.security).toEqual([{ OAuth2PasswordBearer: ['me'] }])
    expect(doc.paths['/items/'].post.deprecated).toBe(true)
    expect(doc.paths['/items/'].post.responses['201']).toBeDefined()
    expect(doc.paths['/items/{item_id}'].delete.responses['204']).toEqual({
      description: 'Successful Response',
    })
    expect(doc.paths['/items/'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'item-query',
      'skip',
      'tag',
    ])
    expect(doc.paths['/page'].get.responses['200'].content).toEqual({
      'text/html': { schema: { type: 'string' } },
    })
    expect(doc.paths['/text'].get.operationId).toBe('get_plain_text')
    expect(doc.paths['/files/'].post.requestBody.content['multipart/form-data']).toBeDefined()
    expect(doc.paths['/login/'].post.requestBody.content['application/x-www-form-urlencoded']).toBeDefined()
  })

  it('root_path comes first in servers', () => {
    const doc = behindProxy().openapi() as Record<string, any>
    expect(doc.servers).toEqual([
      { url: '/api/v1' },
      { url: 'https://stag.example.com', description: 'Staging environment' },
      { url: 'https://prod.example.com', description: 'Production environment' },
    ])
  })

  it('the document is built once and cached until a route is added', () => {
    const app = minimal()
    const first = app.openapi()
    expect(app.openapi()).toBe(first)
    app.get('/other', function other() {
      return {}
    })
    expect(app.openapi()).not.toBe(first)
  })
})

describe('the validator itself', () => {
  it('rejects a broken document (so the checks above mean something)', async () => {
    const result = await validate({ openapi: '3.1.0', info: { title: 'x' }, paths: { 'no-slash': {} } })
    expect(result.valid).toBe(false)
  })
})
