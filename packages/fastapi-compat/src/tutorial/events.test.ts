import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/events/* and tests/test_tutorial/test_events/test_tutorial00{1,2,3}.py.
// `await using client = await new TestClient(app).start()` plays Python's `with TestClient(app)`.

describe('events tutorial001: startup event (test_tutorial001.py)', () => {
  it('test_events: the startup function ran before the first request', async () => {
    const items: Record<string, { name: string }> = {}
    const app = new FastAPI()
    app.on_event('startup', async function startup_event() {
      items.foo = { name: 'Fighters' }
      items.bar = { name: 'Tenders' }
    })
    app.get('/items/{item_id}', { params: { item_id: v.string() } }, async function read_items({ item_id }) {
      return items[item_id]
    })
    await using client = await new TestClient(app).start()
    const res = await client.get('/items/foo')
    expect([res.status_code, res.json()]).toEqual([200, { name: 'Fighters' }])
    expect(app.openapi()).toEqual(upstreamOpenAPI('events', 'tutorial001'))
  })
})

describe('events tutorial002: shutdown event (test_tutorial002.py)', () => {
  it('test_events: the shutdown function runs when the client closes', async () => {
    const log: string[] = []
    const app = new FastAPI()
    app.on_event('shutdown', function shutdown_event() {
      log.push('Application shutdown')
    })
    app.get('/items/', async function read_items() {
      return [{ name: 'Foo' }]
    })
    {
      await using client = await new TestClient(app).start()
      const res = await client.get('/items/')
      expect([res.status_code, res.json()]).toEqual([200, [{ name: 'Foo' }]])
      expect(log).toEqual([])
    }
    expect(log).toEqual(['Application shutdown'])
    expect(app.openapi()).toEqual(upstreamOpenAPI('events', 'tutorial002'))
  })
})

describe('events tutorial003: lifespan (test_tutorial003.py)', () => {
  it('test_events: the model is loaded before yield and cleared after', async () => {
    const fake_answer_to_everything_ml_model = (x: number) => x * 42
    const ml_models: Record<string, (x: number) => number> = {}
    const app = new FastAPI({
      lifespan: async function* lifespan() {
        ml_models.answer_to_everything = fake_answer_to_everything_ml_model
        yield
        for (const key of Object.keys(ml_models)) delete ml_models[key]
      },
    })
    app.get('/predict', { params: { x: v.number() } }, async function predict({ x }) {
      return { result: ml_models.answer_to_everything!(x) }
    })
    expect(ml_models).toEqual({})
    {
      await using client = await new TestClient(app).start()
      expect(ml_models.answer_to_everything).toBe(fake_answer_to_everything_ml_model)
      const res = await client.get('/predict', { params: { x: 2 } })
      expect([res.status_code, res.json()]).toEqual([200, { result: 84.0 }])
    }
    expect(ml_models).toEqual({})
    expect(app.openapi()).toEqual(upstreamOpenAPI('events', 'tutorial003'))
  })

  it('startup functions and the lifespan run in registration order, shutdown after the code after yield', async () => {
    const order: string[] = []
    const app = new FastAPI({
      lifespan: async function* () {
        order.push('lifespan:start')
        yield
        order.push('lifespan:end')
      },
    })
    app.on_event('startup', () => void order.push('startup'))
    app.on_event('shutdown', () => void order.push('shutdown'))
    const client = await new TestClient(app).start()
    await client.close()
    expect(order[order.length - 1]).toBe('shutdown')
    expect(order).toContain('lifespan:start')
    expect(order.indexOf('lifespan:end')).toBeLessThan(order.indexOf('shutdown'))
  })
})
