import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/body_nested_models/* and
// tests/test_tutorial/test_body_nested_models/*.

const int = v.pipe(v.number(), v.integer())
// pydantic's HttpUrl documents its length bounds; the same constraints here give the same schema.
const HttpUrl = v.pipe(v.string(), v.minLength(1), v.maxLength(2083), v.url())
const Image = v.pipe(v.object({ url: HttpUrl, name: v.string() }), v.title('Image'))
// `set[str]`: duplicates are dropped after validation.
const tags = v.optional(
  v.pipe(
    v.array(v.string()),
    v.transform((list) => [...new Set(list)]),
  ),
  [],
)
const itemEntries = {
  name: v.string(),
  description: v.nullish(v.string(), null),
  price: v.number(),
  tax: v.nullish(v.number(), null),
  tags,
}
const Item = v.pipe(v.object({ ...itemEntries, images: v.nullish(v.array(Image), null) }), v.title('Item'))

/** valibot cannot say "unique items" in JSON Schema: the only difference from pydantic's `set`. */
function withoutUniqueItems(doc: Record<string, any>): Record<string, any> {
  for (const schema of Object.values(doc.components.schemas) as Array<Record<string, any>>)
    if (schema.properties?.tags) delete schema.properties.tags.uniqueItems
  return doc
}

describe('body_nested_models tutorial004: a nested optional model', () => {
  const PlainImage = v.pipe(v.object({ url: v.string(), name: v.string() }), v.title('Image'))
  const Item4 = v.pipe(v.object({ ...itemEntries, image: v.nullish(PlainImage, null) }), v.title('Item'))
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    { params: { item_id: int, item: Item4 } },
    async function update_item({ item_id, item }) {
      return { item_id, item }
    },
  )
  const client = new TestClient(app)

  it('test_put_all: a set drops duplicates, the nested model passes through', async () => {
    const res = await client.put('/items/123', {
      json: {
        name: 'Foo',
        description: 'A very nice Item',
        price: 35.4,
        tax: 3.2,
        tags: ['foo', 'bar', 'foo'],
        image: { url: 'http://example.com/image.png', name: 'example image' },
      },
    })
    expect(res.json()).toEqual({
      item_id: 123,
      item: {
        name: 'Foo',
        description: 'A very nice Item',
        price: 35.4,
        tax: 3.2,
        tags: ['foo', 'bar'],
        image: { url: 'http://example.com/image.png', name: 'example image' },
      },
    })
  })

  it('test_put_only_required: defaults fill in', async () => {
    const res = await client.put('/items/5', { json: { name: 'Foo', price: 35.4 } })
    expect(res.json().item).toEqual({
      name: 'Foo',
      description: null,
      price: 35.4,
      tax: null,
      tags: [],
      image: null,
    })
  })

  it('test_put_missing_required_in_image: loc goes into the nested model', async () => {
    const res = await client.put('/items/5', {
      json: { name: 'Foo', price: 35.4, image: { url: 'http://example.com/image.png' } },
    })
    expect(res.json().detail).toEqual([
      {
        type: 'missing',
        loc: ['body', 'image', 'name'],
        msg: 'Field required',
        input: { url: 'http://example.com/image.png' },
      },
    ])
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(withoutUniqueItems(upstreamOpenAPI('body_nested_models', 'tutorial004')))
  })
})

describe('body_nested_models tutorial006/007: lists of models, deeply nested', () => {
  const Offer = v.pipe(
    v.object({
      name: v.string(),
      description: v.nullish(v.string(), null),
      price: v.number(),
      items: v.array(Item),
    }),
    v.title('Offer'),
  )
  const app = new FastAPI()
  app.put(
    '/items/{item_id}',
    { params: { item_id: int, item: Item } },
    async function update_item({ item_id, item }) {
      return { item_id, item }
    },
  )
  app.post('/offers/', { params: { offer: Offer } }, async function create_offer({ offer }) {
    return offer
  })
  const client = new TestClient(app)

  it('test_put_images_not_list: list_type echoes the object', async () => {
    const image = { url: 'http://example.com/image.png', name: 'example image' }
    const res = await client.put('/items/5', { json: { name: 'Foo', price: 35.4, images: image } })
    expect(res.json().detail).toEqual([
      { type: 'list_type', loc: ['body', 'images'], msg: 'Input should be a valid list', input: image },
    ])
  })

  it('tutorial007 test_post_offer: three levels of models', async () => {
    const offer = {
      name: 'Super Offer',
      price: 42.5,
      items: [{ name: 'Foo', price: 10, images: [{ url: 'http://example.com/a.png', name: 'a' }] }],
    }
    const res = await client.post('/offers/', { json: offer })
    expect(res.json()).toEqual({
      ...offer,
      description: null,
      items: [{ ...offer.items[0], description: null, tax: null, tags: [] }],
    })
  })

  it('tutorial007 test_post_offer_invalid_image_url: url_parsing deep in the tree', async () => {
    const res = await client.post('/offers/', {
      json: { name: 'O', price: 1, items: [{ name: 'Foo', price: 1, images: [{ url: 'nope', name: 'a' }] }] },
    })
    expect(res.json().detail).toEqual([
      {
        type: 'url_parsing',
        loc: ['body', 'items', 0, 'images', 0, 'url'],
        msg: 'Input should be a valid URL, relative URL without a base',
        input: 'nope',
        ctx: { error: 'relative URL without a base' },
      },
    ])
  })

  it('test_openapi_schema (tutorial006 and tutorial007)', () => {
    const doc = app.openapi() as Record<string, any>
    const six = withoutUniqueItems(upstreamOpenAPI('body_nested_models', 'tutorial006'))
    const seven = withoutUniqueItems(upstreamOpenAPI('body_nested_models', 'tutorial007'))
    expect(doc.paths['/items/{item_id}']).toEqual(six.paths['/items/{item_id}'])
    expect(doc.paths['/offers/']).toEqual(seven.paths['/offers/'])
    expect(doc.components).toEqual({ schemas: { ...six.components.schemas, ...seven.components.schemas } })
  })
})

describe('body_nested_models tutorial008/009: a list body and a dict body', () => {
  const app = new FastAPI()
  app.post(
    '/images/multiple/',
    { params: { images: v.array(Image) } },
    async function create_multiple_images({ images }) {
      return images
    },
  )
  const Weights = v.pipe(v.record(v.pipe(v.string(), v.regex(/^-?\d+$/)), v.number()), v.title('Weights'))
  app.post(
    '/index-weights/',
    { params: { weights: Weights } },
    async function create_index_weights({ weights }) {
      return weights
    },
  )
  const client = new TestClient(app)

  it('test_post_body: a list of models (after the trailing-slash redirect)', async () => {
    const data = [
      { url: 'http://example.com/', name: 'Example' },
      { url: 'http://fastapi.tiangolo.com/', name: 'FastAPI' },
    ]
    const res = await client.post('/images/multiple', { json: data })
    expect(res.json()).toEqual(data)
  })

  it('test_post_not_a_list: list_type at the body root', async () => {
    const data = { url: 'http://example.com/', name: 'Example' }
    const res = await client.post('/images/multiple/', { json: data })
    expect(res.json().detail).toEqual([
      { type: 'list_type', loc: ['body'], msg: 'Input should be a valid list', input: data },
    ])
  })

  it('tutorial009 test_post_body / invalid key: loc ends with [key] and echoes the key', async () => {
    expect((await client.post('/index-weights/', { json: { '2': 2.2, '3': 3.3 } })).json()).toEqual({
      '2': 2.2,
      '3': 3.3,
    })
    const res = await client.post('/index-weights/', { json: { foo: 2.2, '3': 3.3 } })
    // pydantic's key type is int (int_parsing); a string key with a pattern is the closest valibot says.
    expect(res.json().detail).toMatchObject([{ loc: ['body', 'foo', '[key]'], input: 'foo' }])
  })

  it('test_openapi_schema (tutorial008)', () => {
    const doc = app.openapi() as Record<string, any>
    const eight = upstreamOpenAPI('body_nested_models', 'tutorial008')
    expect(doc.paths['/images/multiple/']).toEqual(eight.paths['/images/multiple/'])
    expect(doc.components.schemas.Image).toEqual(eight.components.schemas.Image)
  })

  it('test_openapi_schema (tutorial009): the dict body documents its values', () => {
    const doc = app.openapi() as Record<string, any>
    const nine = upstreamOpenAPI('body_nested_models', 'tutorial009')
    const body = doc.paths['/index-weights/'].post.requestBody
    // pydantic documents int keys only by name; valibot adds the key pattern as propertyNames.
    delete body.content['application/json'].schema.propertyNames
    expect(doc.paths['/index-weights/']).toEqual(nine.paths['/index-weights/'])
  })
})
