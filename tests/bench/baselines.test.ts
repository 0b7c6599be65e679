import { describe, expect, it } from 'vitest'
import { endpoints, requestFor } from '../../bench/endpoints.js'
import { targetLoaders } from '../../bench/targets/index.js'

// A ratio means something only if the baseline does the same work: the compat rows' raw Hono
// baselines must give the same answers as the app they are compared with.
const pairs = [
  ['flask', 'hono-flask'],
  ['fastapi', 'hono-fastapi'],
] as const

async function answer(name: string, endpoint: (typeof endpoints)[number]) {
  const target = await targetLoaders[name]!()
  const res = await target.fetch!(requestFor(endpoint))
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    length: res.headers.get('content-length'),
    body: await res.text(),
  }
}

describe.each(pairs)('%s and its baseline %s', (app, baseline) => {
  it.each(endpoints.map((e) => [e.name, e] as const))('answer %s alike', async (_, endpoint) => {
    const ours = await answer(app, endpoint)
    const raw = await answer(baseline, endpoint)
    expect(ours.status).toBe(endpoint.status)
    expect(raw.body).toBe(ours.body)
    expect(raw.status).toBe(ours.status)
    if (app === 'flask') expect([raw.type, raw.length]).toEqual([ours.type, ours.length])
  })
})
