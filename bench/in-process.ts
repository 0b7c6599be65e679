import { Bench } from 'tinybench'
import { type Endpoint, requestFor } from './endpoints.js'
import type { Target } from './targets/types.js'

/** ops/s of `target.fetch` per endpoint, response body consumed, measured in one tinybench run. */
export async function measureInProcess(
  targets: readonly Target[],
  endpoints: readonly Endpoint[],
  timeMs: number,
): Promise<Map<string, number>> {
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(500, timeMs) })
  for (const endpoint of endpoints) {
    for (const target of targets) {
      const fetch = target.fetch
      if (fetch === undefined) continue
      await check(target, endpoint)
      bench.add(key(target.name, endpoint.name), async () => {
        const response = await fetch(requestFor(endpoint))
        await response.arrayBuffer()
      })
    }
  }
  await bench.run()
  const results = new Map<string, number>()
  for (const task of bench.tasks) {
    const result = task.result
    if (result.state === 'completed') results.set(task.name, result.throughput.mean)
  }
  return results
}

export function key(target: string, endpoint: string): string {
  return `${target} ${endpoint}`
}

/** A target that answers wrongly would be fast for the wrong reason: refuse to measure it. */
async function check(target: Target, endpoint: Endpoint): Promise<void> {
  const response = await target.fetch!(requestFor(endpoint))
  const body = await response.text()
  if (response.status !== endpoint.status) {
    throw new Error(
      `${target.name} ${endpoint.name}: expected ${endpoint.status}, got ${response.status} ${body}`,
    )
  }
}
