import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Body, FastAPI, jsonable_encoder, Path, TestClient } from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/extra_data_types/tutorial001 (UUID, datetime, time,
// timedelta) and tests/test_tutorial/test_extra_data_types. TypeScript has no such types, so:
// - UUID, datetime and time are strings checked by their format (v.uuid(), v.isoTimestamp(), a
//   time check), the datetimes turned into Dates for the handler as pydantic would;
// - timedelta is a number of seconds (pydantic also takes an ISO 8601 duration string and documents
//   `type: string, format: duration`; here the schema is `type: number, format: duration`);
// - a Date is encoded as JavaScript's ISO string (`2018-12-22T14:05:00.000Z`) where FastAPI's
//   jsonable_encoder writes Python's isoformat with the parsed offset (`2018-12-22T14:05:00+00:00`).

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/
const datetime = v.pipe(
  v.string(),
  v.isoTimestamp(),
  v.transform((s) => new Date(s)),
)
const time = v.pipe(
  v.string(),
  v.check((s) => TIME.test(s), 'Input should be in a valid time format'),
  v.metadata({ format: 'time' }),
)

const app = new FastAPI()
app.put(
  '/items/{item_id}',
  {
    params: {
      item_id: Path(v.pipe(v.string(), v.uuid())),
      start_datetime: Body(datetime),
      end_datetime: Body(datetime),
      process_after: Body(v.pipe(v.number(), v.metadata({ format: 'duration' }))),
      repeat_at: Body(v.nullable(time), { default: null }),
    },
  },
  async function read_items({ item_id, start_datetime, end_datetime, process_after, repeat_at }) {
    const start_process = new Date(start_datetime.getTime() + process_after * 1000)
    const duration = (end_datetime.getTime() - start_process.getTime()) / 1000
    return { item_id, start_datetime, end_datetime, process_after, repeat_at, start_process, duration }
  },
)
const client = new TestClient(app)
const item_id = 'ff97dd87-a4a5-4a12-b412-cde99f33e00e'
const data = {
  start_datetime: '2018-12-22T14:00:00+00:00',
  end_datetime: '2018-12-24T15:00:00+00:00',
  repeat_at: '15:30:00',
  process_after: 300,
}

describe('extra_data_types tutorial001', () => {
  it('test_extra_types: the computed answer, datetimes as JavaScript ISO strings', async () => {
    const res = await client.put(`/items/${item_id}`, { json: data })
    expect(res.status_code).toBe(200)
    // Upstream: start/end echo '+00:00' and start_process is '2018-12-22T14:05:00+00:00'.
    expect(res.json()).toEqual({
      ...data,
      start_datetime: '2018-12-22T14:00:00.000Z',
      end_datetime: '2018-12-24T15:00:00.000Z',
      start_process: '2018-12-22T14:05:00.000Z',
      duration: 176_100,
      item_id,
    })
    const upstream = '2018-12-22T14:05:00+00:00'
    expect(new Date(res.json().start_process).getTime()).toBe(new Date(upstream).getTime())
  })

  it('repeat_at may be left out (None)', async () => {
    const { repeat_at: _, ...rest } = data
    expect((await client.put(`/items/${item_id}`, { json: rest })).json().repeat_at).toBeNull()
  })

  it('a bad UUID answers pydantic uuid_parsing with the uuid crate reason', async () => {
    const bad = async (id: string) => (await client.put(`/items/${id}`, { json: data })).json().detail[0]
    expect(await bad('not-a-uuid')).toEqual({
      type: 'uuid_parsing',
      loc: ['path', 'item_id'],
      msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1',
      input: 'not-a-uuid',
      ctx: {
        error:
          'invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1',
      },
    })
    expect((await bad('123')).msg).toBe(
      'Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3',
    )
    expect((await bad('ff97dd87-a4a5-4a12-b412')).ctx.error).toBe('invalid group count: expected 5, found 4')
  })

  it('a bad datetime answers datetime_from_date_parsing', async () => {
    const res = await client.put(`/items/${item_id}`, { json: { ...data, start_datetime: 'yesterday' } })
    expect(res.json().detail).toEqual([
      {
        type: 'datetime_from_date_parsing',
        loc: ['body', 'start_datetime'],
        msg: 'Input should be a valid datetime or date, input is too short',
        input: 'yesterday',
        ctx: { error: 'input is too short' },
      },
    ])
  })

  it('test_openapi_schema: formats uuid, date-time, time and duration as upstream', () => {
    const doc = app.openapi() as Record<string, any>
    const expected = upstreamOpenAPI('extra_data_types', 'tutorial001')
    // timedelta: seconds as a number here (see the note at the top of this file).
    expected.components.schemas.Body_read_items_items__item_id__put.properties.process_after.type = 'number'
    expect(doc.paths).toEqual(expected.paths)
    expect(doc.components.schemas.Body_read_items_items__item_id__put).toEqual(
      expected.components.schemas.Body_read_items_items__item_id__put,
    )
  })
})

describe('the other extra types FastAPI lists, as TypeScript schemas', () => {
  const zapp = new FastAPI()
  zapp.post(
    '/extra/',
    {
      params: {
        item: z.object({
          id: z.uuid(),
          day: z.iso.date(),
          tags: z.array(z.string()).refine((a) => new Set(a).size === a.length),
          price: z.string().regex(/^-?\d+(\.\d+)?$/),
          data: z.base64(),
        }),
      },
    },
    // Known difference: a Set returned as is serialises as {} (the route serialiser uses
    // JSON.stringify); FastAPI's jsonable_encoder makes it a list, so it is encoded here explicitly.
    ({ item }) =>
      jsonable_encoder({ ...item, tags: new Set(item.tags), seen: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }),
  )
  const zclient = new TestClient(zapp)

  it('date, set, Decimal (as a string) and bytes (base64) validate and encode as JSON', async () => {
    const item = {
      id: item_id,
      day: '2024-01-02',
      tags: ['a', 'b'],
      price: '10.50',
      data: 'aGVsbG8=',
    }
    const res = await zclient.post('/extra/', { json: item })
    expect([res.status_code, res.json()]).toEqual([200, { ...item, seen: '2024-01-02T03:04:05.000Z' }])
  })

  it('zod formats map to pydantic errors too', async () => {
    const res = await zclient.post('/extra/', {
      json: { id: '123', day: '2024-01-02', tags: [], price: '1', data: 'aGVsbG8=' },
    })
    expect(res.json().detail[0]).toMatchObject({ type: 'uuid_parsing', loc: ['body', 'id'], input: '123' })
  })

  it('jsonable_encoder turns sets into lists and Dates into ISO strings', () => {
    expect(jsonable_encoder({ s: new Set([1, 2]), d: new Date(0) })).toEqual({
      s: [1, 2],
      d: '1970-01-01T00:00:00.000Z',
    })
  })
})
