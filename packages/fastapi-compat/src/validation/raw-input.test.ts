import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Body, Cookie, FastAPI, Header, Path, Query, TestClient } from '../index.js'

// pydantic validates the string FastAPI read from the request, so a failing constraint echoes
// that string ('150'), not a number made from it. Upstream: tests/test_tutorial/
// test_query_param_models (input "150") and test_path_params_numeric_validations.

const Limit = v.pipe(v.number(), v.integer(), v.maxValue(100))

function app(): FastAPI {
  const a = new FastAPI()
  a.get('/p/{n}', { params: { n: Path(Limit) } }, ({ n }) => ({ n }))
  a.get('/q/', { params: { n: Query(Limit) } }, ({ n }) => ({ n }))
  a.get('/h/', { params: { x_n: Header(Limit) } }, ({ x_n }) => ({ x_n }))
  a.get('/c/', { params: { n: Cookie(Limit) } }, ({ n }) => ({ n }))
  a.get('/list/', { params: { n: Query(v.array(Limit)) } }, ({ n }) => ({ n }))
  a.get('/z/', { params: { n: Query(z.number().int().max(100)) } }, ({ n }) => ({ n }))
  a.get('/flag/', { params: { on: Query(v.literal(true)) } }, ({ on }) => ({ on }))
  a.post('/b/', { params: { price: Body(v.pipe(v.number(), v.maxValue(100)), { embed: true }) } }, (x) => x)
  return a
}

const le100 = (loc: (string | number)[], input: unknown) => ({
  type: 'less_than_equal',
  loc,
  msg: 'Input should be less than or equal to 100',
  input,
  ctx: { le: 100 },
})

describe('a failing constraint echoes the value as received', () => {
  const client = new TestClient(app())

  it('a path parameter echoes its string', async () => {
    const res = await client.get('/p/150')
    expect([res.status_code, res.json()]).toEqual([422, { detail: [le100(['path', 'n'], '150')] }])
  })

  it('a query parameter echoes its string, spacing and all', async () => {
    const res = await client.get('/q/', { params: { n: ' 150 ' } })
    expect(res.json()).toEqual({ detail: [le100(['query', 'n'], ' 150 ')] })
  })

  it('a header echoes its string', async () => {
    const res = await client.get('/h/', { headers: { 'x-n': '1_000' } })
    expect(res.json()).toEqual({ detail: [le100(['header', 'x-n'], '1_000')] })
  })

  it('a cookie echoes its string', async () => {
    const res = await client.get('/c/', { cookies: { n: '101' } })
    expect(res.json()).toEqual({ detail: [le100(['cookie', 'n'], '101')] })
  })

  it('a list query parameter echoes the failing item at its index', async () => {
    const res = await client.get('/list/', { params: { n: ['1', '200'] } })
    expect(res.json()).toEqual({ detail: [le100(['query', 'n', 1], '200')] })
  })

  it('a zod schema echoes the string too', async () => {
    const res = await client.get('/z/', { params: { n: '150' } })
    expect(res.json()).toEqual({ detail: [le100(['query', 'n'], '150')] })
  })

  it('a boolean query value echoes the word, not the boolean', async () => {
    const res = await client.get('/flag/', { params: { on: 'no' } })
    expect(res.json().detail[0]).toMatchObject({ type: 'literal_error', loc: ['query', 'on'], input: 'no' })
  })

  it('a JSON string converted for a number field echoes the string', async () => {
    const res = await client.post('/b/', { json: { price: '150' } })
    expect(res.json()).toEqual({ detail: [le100(['body', 'price'], '150')] })
  })

  it('the echo stays bounded', async () => {
    const res = await client.get('/p/1'.concat('0'.repeat(5_000)))
    expect(res.status_code).toBe(422)
    expect(res.json().detail[0].input).toHaveLength(1_003)
  })

  it('valid values are still coerced for the handler', async () => {
    expect((await client.get('/q/', { params: { n: '42' } })).json()).toEqual({ n: 42 })
    expect((await client.get('/h/', { headers: { 'x-n': '1_0' } })).json()).toEqual({ x_n: 10 })
  })
})
