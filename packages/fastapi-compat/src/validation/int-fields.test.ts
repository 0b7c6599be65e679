import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FastAPI, Query, TestClient } from '../index.js'

// pydantic v2's answers for `int`, `float` and `bool` fields of a body model (FastAPI validates
// the parsed JSON in Python lax mode). Upstream: tests/test_tutorial/test_handling_errors
// (size: 'XL' is int_parsing), tests/test_path.py (/path/int/42.5 is int_parsing).

const INT_PARSING = 'Input should be a valid integer, unable to parse string as an integer'
const INT_FROM_FLOAT = 'Input should be a valid integer, got a number with a fractional part'

const models = {
  valibot: v.object({
    size: v.pipe(v.number(), v.integer()),
    price: v.optional(v.number()),
    flag: v.optional(v.boolean()),
    counts: v.optional(v.array(v.pipe(v.number(), v.integer()))),
  }),
  zod: z.object({
    size: z.number().int(),
    price: z.number().optional(),
    flag: z.boolean().optional(),
    counts: z.array(z.int()).optional(),
  }),
}

for (const [vendor, Item] of Object.entries(models)) {
  describe(`${vendor}: an int field inside a body model`, () => {
    const app = new FastAPI()
    app.post('/items/', { params: { item: Item } }, ({ item }) => item)
    app.get('/q/', { params: { n: Query(v.pipe(v.number(), v.integer())) } }, ({ n }) => ({ n }))
    const client = new TestClient(app)
    const post = async (json: unknown) => {
      const res = await client.post('/items/', { json })
      return [res.status_code, res.json()]
    }
    const error = (
      type: string,
      msg: string,
      input: unknown,
      loc: (string | number)[] = ['body', 'size'],
    ) => [422, { detail: [{ type, loc, msg, input }] }]

    it("'1.5' is int_parsing", async () => {
      expect(await post({ size: '1.5' })).toEqual(error('int_parsing', INT_PARSING, '1.5'))
    })
    it("'abc' is int_parsing", async () => {
      expect(await post({ size: 'abc' })).toEqual(error('int_parsing', INT_PARSING, 'abc'))
    })
    it("'1e3' is int_parsing (pydantic reads no exponent into an int)", async () => {
      expect(await post({ size: '1e3' })).toEqual(error('int_parsing', INT_PARSING, '1e3'))
    })
    it('1.5 is int_from_float', async () => {
      expect(await post({ size: 1.5 })).toEqual(error('int_from_float', INT_FROM_FLOAT, 1.5))
    })
    it('null, a list and an object are int_type', async () => {
      const msg = 'Input should be a valid integer'
      expect(await post({ size: null })).toEqual(error('int_type', msg, null))
      expect(await post({ size: [1] })).toEqual(error('int_type', msg, [1]))
      expect(await post({ size: {} })).toEqual(error('int_type', msg, {}))
    })
    it("'42', '3.0', ' 7 ', '1_000', 2.0 and true are accepted as pydantic's lax mode does", async () => {
      expect(await post({ size: '42' })).toEqual([200, { size: 42 }])
      expect(await post({ size: '3.0' })).toEqual([200, { size: 3 }])
      expect(await post({ size: ' 7 ' })).toEqual([200, { size: 7 }])
      expect(await post({ size: '1_000' })).toEqual([200, { size: 1000 }])
      expect(await post({ size: 2.0 })).toEqual([200, { size: 2 }])
      expect(await post({ size: true })).toEqual([200, { size: 1 }])
    })
    it('an int item of a list names its index', async () => {
      expect(await post({ size: 1, counts: [1, 'x', 2.5] })).toEqual([
        422,
        {
          detail: [
            { type: 'int_parsing', loc: ['body', 'counts', 1], msg: INT_PARSING, input: 'x' },
            { type: 'int_from_float', loc: ['body', 'counts', 2], msg: INT_FROM_FLOAT, input: 2.5 },
          ],
        },
      ])
    })
    it('a float field still says float_parsing / float_type', async () => {
      expect(await post({ size: 1, price: 'abc' })).toEqual(
        error('float_parsing', 'Input should be a valid number, unable to parse string as a number', 'abc', [
          'body',
          'price',
        ]),
      )
      expect(await post({ size: 1, price: null })).toEqual(
        error('float_type', 'Input should be a valid number', null, ['body', 'price']),
      )
    })
    it('a bool field takes 0/1 and "yes"; 2 is bool_parsing; null is bool_type', async () => {
      expect(await post({ size: 1, flag: 1 })).toEqual([200, { size: 1, flag: true }])
      expect(await post({ size: 1, flag: 'yes' })).toEqual([200, { size: 1, flag: true }])
      expect(await post({ size: 1, flag: 2 })).toEqual(
        error('bool_parsing', 'Input should be a valid boolean, unable to interpret input', 2, [
          'body',
          'flag',
        ]),
      )
      expect(await post({ size: 1, flag: null })).toEqual(
        error('bool_type', 'Input should be a valid boolean', null, ['body', 'flag']),
      )
    })
    it("a query int given '42.5' is int_parsing, as test_path.py's /path/int/42.5", async () => {
      const res = await client.get('/q/', { params: { n: '42.5' } })
      expect(res.json()).toEqual({
        detail: [{ type: 'int_parsing', loc: ['query', 'n'], msg: INT_PARSING, input: '42.5' }],
      })
    })
  })
}
