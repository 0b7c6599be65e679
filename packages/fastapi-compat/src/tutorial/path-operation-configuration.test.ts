import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FastAPI, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/path_operation_configuration/*, extra_models/* and
// schema_extra_example/* with tests/test_tutorial/test_path_operation_configurations/*,
// test_extra_models/* and test_schema_extra_example/*.

const Item = v.pipe(
  v.object({
    name: v.string(),
    description: v.nullish(v.string(), null),
    price: v.number(),
    tax: v.nullish(v.number(), null),
    tags: v.optional(v.array(v.string()), []),
  }),
  v.title('Item'),
)

/** valibot cannot say "unique items" (pydantic's `set[str]`): the one adaptation of these documents. */
function withoutUniqueItems(doc: Record<string, any>): Record<string, any> {
  const tags = doc.components?.schemas?.Item?.properties?.tags
  if (tags) delete tags.uniqueItems
  return doc
}

const description =
  "Create an item with all the information:\n\n- **name**: each item must have a name\n- **description**: a long description\n- **price**: required\n- **tax**: if the item doesn't have tax, you can omit this\n- **tags**: a set of unique tag strings for this item"

describe('path_operation_configuration tutorial001: status_code and a return model', () => {
  const app = new FastAPI()
  app.post(
    '/items/',
    { params: { item: Item }, response_model: Item, status_code: 201 },
    async function create_item({ item }) {
      return item
    },
  )

  it('test_post_items: 201 with the filtered model', async () => {
    const res = await new TestClient(app).post('/items/', { json: { name: 'Foo', price: 42, extra: 1 } })
    expect(res.status_code).toBe(201)
    expect(res.json()).toEqual({ name: 'Foo', description: null, price: 42, tax: null, tags: [] })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(
      withoutUniqueItems(upstreamOpenAPI('path_operation_configuration', 'tutorial001')),
    )
  })
})

describe('path_operation_configuration tutorial002/006: tags and deprecated', () => {
  const app = new FastAPI()
  app.post(
    '/items/',
    { params: { item: Item }, response_model: Item, tags: ['items'] },
    async function create_item({ item }) {
      return item
    },
  )
  app.get('/items/', { tags: ['items'] }, async function read_items() {
    return [{ name: 'Foo', price: 42 }]
  })
  app.get('/users/', { tags: ['users'] }, async function read_users() {
    return [{ username: 'johndoe' }]
  })
  app.get('/elements/', { tags: ['items'], deprecated: true }, async function read_elements() {
    return [{ item_id: 'Foo' }]
  })
  const client = new TestClient(app)

  it('test_query_params_str_validations: the routes answer', async () => {
    expect((await client.get('/items/')).json()).toEqual([{ name: 'Foo', price: 42 }])
    expect((await client.get('/users/')).json()).toEqual([{ username: 'johndoe' }])
    expect((await client.get('/elements/')).json()).toEqual([{ item_id: 'Foo' }])
  })

  it('test_openapi_schema (tutorial002 and tutorial006)', () => {
    const doc = app.openapi() as Record<string, any>
    const two = withoutUniqueItems(upstreamOpenAPI('path_operation_configuration', 'tutorial002'))
    const six = upstreamOpenAPI('path_operation_configuration', 'tutorial006')
    expect(doc.paths['/items/']).toEqual(two.paths['/items/'])
    expect(doc.paths['/users/']).toEqual(two.paths['/users/'])
    expect(doc.paths['/elements/']).toEqual(six.paths['/elements/'])
    expect(doc.components).toEqual(two.components)
  })
})

describe('path_operation_configuration tutorial003-005: summary, description, response_description', () => {
  const app = new FastAPI()
  app.post(
    '/items/',
    {
      params: { item: Item },
      response_model: Item,
      summary: 'Create an item',
      description,
      response_description: 'The created item',
    },
    async function create_item({ item }) {
      return item
    },
  )

  it('test_openapi_schema (tutorial005)', () => {
    expect(app.openapi()).toEqual(
      withoutUniqueItems(upstreamOpenAPI('path_operation_configuration', 'tutorial005')),
    )
  })
})

describe('extra_models tutorial003: a union response model', () => {
  const CarItem = v.pipe(
    v.object({ description: v.string(), type: v.optional(v.string(), 'car') }),
    v.title('CarItem'),
  )
  const PlaneItem = v.pipe(
    v.object({
      description: v.string(),
      type: v.optional(v.string(), 'plane'),
      size: v.pipe(v.number(), v.integer()),
    }),
    v.title('PlaneItem'),
  )
  const items: Record<string, unknown> = {
    item1: { description: 'All my friends drive a low rider', type: 'car' },
    item2: { description: "Music is my aeroplane, it's my aeroplane", type: 'plane', size: 5 },
  }
  const app = new FastAPI()
  app.get(
    '/items/{item_id}',
    { params: { item_id: v.string() }, response_model: v.union([PlaneItem, CarItem]) },
    async function read_item({ item_id }) {
      return items[item_id]
    },
  )
  const client = new TestClient(app)

  it('test_get_car / test_get_plane', async () => {
    expect((await client.get('/items/item1')).json()).toEqual(items.item1)
    expect((await client.get('/items/item2')).json()).toEqual(items.item2)
  })

  it('test_openapi_schema: anyOf of the two models under a generated title', () => {
    const doc = app.openapi() as Record<string, any>
    const expected = upstreamOpenAPI('extra_models', 'tutorial003')
    expect(doc.paths).toEqual(expected.paths)
    expect(doc.components.schemas.CarItem).toEqual(expected.components.schemas.CarItem)
    expect(doc.components.schemas.PlaneItem).toEqual(expected.components.schemas.PlaneItem)
  })
})

describe('extra_models tutorial004/005: list and dict response models', () => {
  const Item4 = z.object({ name: z.string(), description: z.string() }).meta({ title: 'Item' })
  const app = new FastAPI()
  app.get('/items/', { response_model: z.array(Item4) }, async function read_items() {
    return [
      { name: 'Foo', description: 'There comes my hero' },
      { name: 'Red', description: "It's my aeroplane" },
    ]
  })
  app.get(
    '/keyword-weights/',
    { response_model: z.record(z.string(), z.number()) },
    async function read_keyword_weights() {
      return { foo: 2.3, bar: 3.4 }
    },
  )
  const client = new TestClient(app)

  it('test_get_items / test_get_keyword_weights', async () => {
    expect((await client.get('/items/')).json()).toHaveLength(2)
    expect((await client.get('/keyword-weights/')).json()).toEqual({ foo: 2.3, bar: 3.4 })
  })

  it('test_openapi_schema (tutorial004 and tutorial005)', () => {
    const doc = app.openapi() as Record<string, any>
    const four = upstreamOpenAPI('extra_models', 'tutorial004')
    const five = upstreamOpenAPI('extra_models', 'tutorial005')
    expect(doc.paths['/items/']).toEqual(four.paths['/items/'])
    expect(doc.components.schemas.Item).toEqual(four.components.schemas.Item)
    // zod writes `propertyNames: {type: string}` for string keys, which pydantic leaves implicit.
    const schema = doc.paths['/keyword-weights/'].get.responses['200'].content['application/json'].schema
    delete schema.propertyNames
    expect(doc.paths['/keyword-weights/']).toEqual(five.paths['/keyword-weights/'])
  })
})

describe('schema_extra_example tutorial001/002: examples on the model and on fields', () => {
  const ModelExample = v.pipe(
    v.object({
      name: v.string(),
      description: v.nullish(v.string(), null),
      price: v.number(),
      tax: v.nullish(v.number(), null),
    }),
    v.title('Item'),
    v.examples([{ name: 'Foo', description: 'A very nice Item', price: 35.4, tax: 3.2 }]),
  )
  const FieldExamples = v.pipe(
    v.object({
      name: v.pipe(v.string(), v.examples(['Foo'])),
      description: v.pipe(v.nullish(v.string(), null), v.examples(['A very nice Item'])),
      price: v.pipe(v.number(), v.examples([35.4])),
      tax: v.pipe(v.nullish(v.number(), null), v.examples([3.2])),
    }),
    v.title('Item'),
  )
  for (const [tutorial, model] of [
    ['tutorial001', ModelExample],
    ['tutorial002', FieldExamples],
  ] as const) {
    it(`${tutorial}: test_post_body_example and test_openapi_schema`, async () => {
      const app = new FastAPI()
      app.put(
        '/items/{item_id}',
        { params: { item_id: v.pipe(v.number(), v.integer()), item: model } },
        async function update_item({ item_id, item }) {
          return { item_id, item }
        },
      )
      const res = await new TestClient(app).put('/items/5', {
        json: { name: 'Foo', description: 'A very nice Item', price: 35.4, tax: 3.2 },
      })
      expect(res.status_code).toBe(200)
      expect(app.openapi()).toEqual(upstreamOpenAPI('schema_extra_example', tutorial))
    })
  }
})
