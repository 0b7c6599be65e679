import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, Path, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/path_params/* and tests/test_tutorial/test_path_params/*.

describe('path_params tutorial001 (untyped path parameter)', () => {
  const app = new FastAPI()
  app.get('/items/{item_id}', { params: { item_id: v.string() } }, ({ item_id }) => ({ item_id }))
  const client = new TestClient(app)

  it('test_get_items: returns the path segment as a string', async () => {
    expect((await client.get('/items/1')).json()).toEqual({ item_id: '1' })
    expect((await client.get('/items/alice')).json()).toEqual({ item_id: 'alice' })
  })
})

describe('path_params tutorial002 (int path parameter)', () => {
  const app = new FastAPI()
  app.get('/items/{item_id}', { params: { item_id: v.pipe(v.number(), v.integer()) } }, ({ item_id }) => ({
    item_id,
  }))
  const client = new TestClient(app)

  it('test_get_items: converts the segment to a number', async () => {
    const res = await client.get('/items/1')
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual({ item_id: 1 })
  })

  it('test_get_items_invalid_id: answers 422 int_parsing', async () => {
    const res = await client.get('/items/item1')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          input: 'item1',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          type: 'int_parsing',
        },
      ],
    })
  })
})

describe('path_params tutorial003 (fixed path before parameter)', () => {
  const app = new FastAPI()
  app.get('/users/me', () => ({ user_id: 'the current user' }))
  app.get('/users/{user_id}', { params: { user_id: v.string() } }, ({ user_id }) => ({ user_id }))
  const client = new TestClient(app)

  it('test_get_users: the first declared route wins', async () => {
    expect((await client.get('/users/me')).json()).toEqual({ user_id: 'the current user' })
    expect((await client.get('/users/alice')).json()).toEqual({ user_id: 'alice' })
  })
})

describe('path_params tutorial003b (duplicate route)', () => {
  const app = new FastAPI()
  app.get('/users', () => ['Rick', 'Morty'])
  app.get('/users', () => ['Bean', 'Elfo'])
  const client = new TestClient(app)

  it('test_get_users: the first registration answers', async () => {
    const res = await client.get('/users')
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual(['Rick', 'Morty'])
  })
})

describe('path_params tutorial004 (path convertor)', () => {
  const app = new FastAPI()
  app.get('/files/{file_path:path}', { params: { file_path: v.string() } }, ({ file_path }) => ({
    file_path,
  }))
  const client = new TestClient(app)

  it('test_file_path: captures the rest of the path', async () => {
    const res = await client.get('/files/home/johndoe/myfile.txt')
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual({ file_path: 'home/johndoe/myfile.txt' })
  })

  it('test_root_file_path: keeps a leading slash', async () => {
    const res = await client.get('/files//home/johndoe/myfile.txt')
    expect(res.status_code).toBe(200)
    expect(res.json()).toEqual({ file_path: '/home/johndoe/myfile.txt' })
  })
})

describe('path_params tutorial005 (enum path parameter)', () => {
  const ModelName = { alexnet: 'alexnet', resnet: 'resnet', lenet: 'lenet' } as const
  const app = new FastAPI()
  app.get('/models/{model_name}', { params: { model_name: Path(v.enum(ModelName)) } }, ({ model_name }) => {
    if (model_name === ModelName.alexnet) return { model_name, message: 'Deep Learning FTW!' }
    if (model_name === 'lenet') return { model_name, message: 'LeCNN all the images' }
    return { model_name, message: 'Have some residuals' }
  })
  const client = new TestClient(app)

  it('test_get_enums_alexnet / lenet / resnet', async () => {
    expect((await client.get('/models/alexnet')).json()).toEqual({
      model_name: 'alexnet',
      message: 'Deep Learning FTW!',
    })
    expect((await client.get('/models/lenet')).json()).toEqual({
      model_name: 'lenet',
      message: 'LeCNN all the images',
    })
    expect((await client.get('/models/resnet')).json()).toEqual({
      model_name: 'resnet',
      message: 'Have some residuals',
    })
  })

  it('test_get_enums_invalid: answers 422 enum with the expected values', async () => {
    const res = await client.get('/models/foo')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'enum',
          loc: ['path', 'model_name'],
          msg: "Input should be 'alexnet', 'resnet' or 'lenet'",
          input: 'foo',
          ctx: { expected: "'alexnet', 'resnet' or 'lenet'" },
        },
      ],
    })
  })
})
