import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { FastAPI, Query, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/query_params_str_validations/* and
// tests/test_tutorial/test_query_params_str_validations/*.

const items = [{ item_id: 'Foo' }, { item_id: 'Bar' }]
const readItems = ({ q }: { q?: string | null }) => (q ? { items, q } : { items })

function appWith(q: Parameters<typeof Query>[0], options?: Parameters<typeof Query>[1]) {
  const app = new FastAPI()
  app.get('/items/', { params: { q: Query(q, options) } }, ({ q }) =>
    readItems({ q: q as string | undefined }),
  )
  return new TestClient(app)
}

describe('query_params_str_validations tutorial001/002 (max_length)', () => {
  const client = appWith(v.optional(v.pipe(v.string(), v.maxLength(50))))

  it('test_query_params_str_validations_no_query / q_empty_str / q_query', async () => {
    expect((await client.get('/items/')).json()).toEqual({ items })
    expect((await client.get('/items/', { params: { q: '' } })).json()).toEqual({ items })
    expect((await client.get('/items/', { params: { q: 'query' } })).json()).toEqual({ items, q: 'query' })
  })

  it('test_query_params_str_validations_q_too_long', async () => {
    const res = await client.get('/items/', { params: { q: 'q'.repeat(51) } })
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'string_too_long',
          loc: ['query', 'q'],
          msg: 'String should have at most 50 characters',
          input: 'q'.repeat(51),
          ctx: { max_length: 50 },
        },
      ],
    })
  })
})

describe('query_params_str_validations tutorial004 (pattern)', () => {
  const client = appWith(
    v.optional(v.pipe(v.string(), v.minLength(3), v.maxLength(50), v.regex(/^fixedquery$/))),
  )

  it('test_query_params_str_validations_q_fixedquery', async () => {
    expect((await client.get('/items/', { params: { q: 'fixedquery' } })).json()).toEqual({
      items,
      q: 'fixedquery',
    })
  })

  it('test_query_params_str_validations_q_nonregexquery', async () => {
    const res = await client.get('/items/', { params: { q: 'nonregexquery' } })
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'string_pattern_mismatch',
          loc: ['query', 'q'],
          msg: "String should match pattern '^fixedquery$'",
          input: 'nonregexquery',
          ctx: { pattern: '^fixedquery$' },
        },
      ],
    })
  })
})

describe('query_params_str_validations tutorial005 (default value)', () => {
  const client = appWith(v.pipe(v.string(), v.minLength(3)), { default: 'fixedquery' })

  it('uses the default when the parameter is absent', async () => {
    expect((await client.get('/items/')).json()).toEqual({ items, q: 'fixedquery' })
  })
})

describe('query_params_str_validations tutorial006 (required with min_length)', () => {
  const client = appWith(v.pipe(v.string(), v.minLength(3)))

  it('test_query_params_str_validations_no_query: missing', async () => {
    const res = await client.get('/items/')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [{ type: 'missing', loc: ['query', 'q'], msg: 'Field required', input: null }],
    })
  })

  it('test_query_params_str_validations_q_fixedquery_too_short', async () => {
    const res = await client.get('/items/', { params: { q: 'fa' } })
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'string_too_short',
          loc: ['query', 'q'],
          msg: 'String should have at least 3 characters',
          input: 'fa',
          ctx: { min_length: 3 },
        },
      ],
    })
  })
})

describe('query_params_str_validations tutorial010 (alias)', () => {
  const client = appWith(
    v.optional(v.pipe(v.string(), v.minLength(3), v.maxLength(50), v.regex(/^fixedquery$/))),
    {
      alias: 'item-query',
      deprecated: true,
    },
  )

  it('test_query_params_str_validations_item_query_fixedquery: reads the alias', async () => {
    expect((await client.get('/items/', { params: { 'item-query': 'fixedquery' } })).json()).toEqual({
      items,
      q: 'fixedquery',
    })
  })

  it('test_query_params_str_validations_q_fixedquery: ignores the Python name', async () => {
    expect((await client.get('/items/', { params: { q: 'fixedquery' } })).json()).toEqual({ items })
  })

  it('test_query_params_str_validations_item_query_nonregexquery: loc uses the alias', async () => {
    const res = await client.get('/items/', { params: { 'item-query': 'nonregexquery' } })
    expect(res.json().detail[0]).toMatchObject({
      type: 'string_pattern_mismatch',
      loc: ['query', 'item-query'],
    })
  })
})

describe('query_params_str_validations tutorial011-013 (list query parameters)', () => {
  const app = new FastAPI()
  app.get('/items/', { params: { q: Query(v.nullish(v.array(v.string()), null)) } }, ({ q }) => ({ q }))
  app.get(
    '/defaults/',
    { params: { q: Query(v.array(v.string()), { default: ['foo', 'bar'] }) } },
    ({ q }) => ({ q }),
  )
  app.get('/numbers/', { params: { n: Query(v.optional(v.array(v.number()), [])) } }, ({ n }) => ({ n }))
  const client = new TestClient(app)

  it('test_multi_query_values / test_query_no_values (011)', async () => {
    expect((await client.get('/items/?q=foo&q=bar')).json()).toEqual({ q: ['foo', 'bar'] })
    expect((await client.get('/items/')).json()).toEqual({ q: null })
  })

  it('test_default_query_values / test_multi_query_values (012)', async () => {
    expect((await client.get('/defaults/')).json()).toEqual({ q: ['foo', 'bar'] })
    expect((await client.get('/defaults/?q=baz&q=foobar')).json()).toEqual({ q: ['baz', 'foobar'] })
  })

  it('converts each item and locates errors by index', async () => {
    expect((await client.get('/numbers/?n=1&n=2.5')).json()).toEqual({ n: [1, 2.5] })
    const res = await client.get('/numbers/?n=1&n=x')
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'float_parsing',
          loc: ['query', 'n', 1],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'x',
        },
      ],
    })
  })
})

describe('query_params_str_validations tutorial014 (hidden query, slash redirect)', () => {
  const app = new FastAPI()
  app.get(
    '/items/',
    { params: { hidden_query: Query(v.optional(v.string()), { include_in_schema: false }) } },
    ({ hidden_query }) => ({ hidden_query: hidden_query ?? 'Not found' }),
  )
  const client = new TestClient(app)

  it('test_hidden_query / test_no_hidden_query (via the 307 to /items/)', async () => {
    expect((await client.get('/items?hidden_query=somevalue')).json()).toEqual({ hidden_query: 'somevalue' })
    expect((await client.get('/items')).json()).toEqual({ hidden_query: 'Not found' })
    const raw = await client.get('/items', { follow_redirects: false })
    expect(raw.status_code).toBe(307)
    expect(raw.headers.get('location')).toBe('http://testserver/items/')
  })
})

describe('query_params_str_validations tutorial015 (custom validator)', () => {
  const data: Record<string, string> = {
    'isbn-9781529046137': "The Hitchhiker's Guide to the Galaxy",
    'imdb-tt0371724': "The Hitchhiker's Guide to the Galaxy",
  }
  const check_valid_id = v.check(
    (id: string) => id.startsWith('isbn-') || id.startsWith('imdb-'),
    'Invalid ID format, it must start with "isbn-" or "imdb-"',
  )
  const app = new FastAPI()
  app.get('/items/', { params: { id: v.optional(v.pipe(v.string(), check_valid_id)) } }, ({ id }) => {
    const key = id ?? 'imdb-tt0371724'
    return { id: key, name: data[key] ?? null }
  })
  const client = new TestClient(app)

  it('test_get_item / test_get_item_does_not_exist', async () => {
    expect((await client.get('/items?id=isbn-9781529046137')).json()).toEqual({
      id: 'isbn-9781529046137',
      name: "The Hitchhiker's Guide to the Galaxy",
    })
    expect((await client.get('/items?id=isbn-nope')).json()).toEqual({ id: 'isbn-nope', name: null })
  })

  it('test_get_invalid_item: value_error with the validator message', async () => {
    const res = await client.get('/items?id=wtf-yes')
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({
      detail: [
        {
          type: 'value_error',
          loc: ['query', 'id'],
          msg: 'Value error, Invalid ID format, it must start with "isbn-" or "imdb-"',
          input: 'wtf-yes',
          ctx: { error: {} },
        },
      ],
    })
  })
})
