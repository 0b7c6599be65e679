import type { Endpoint } from './endpoints.js'
import { key } from './in-process.js'
import type { Target } from './targets/types.js'

/** Measured figures by `key(target, endpoint)`. */
export interface Measurements {
  inProcess: Map<string, number>
  http: Map<string, number>
}

const REFERENCE = 'fastify'

/** One markdown table: each target's figures and its ratio to its raw baseline (and to Fastify over HTTP). */
export function renderTable(
  targets: readonly Target[],
  endpoints: readonly Endpoint[],
  m: Measurements,
): string {
  const lines = [
    '| endpoint | target | in-process ops/s | × raw | HTTP req/s | × raw | × Fastify |',
    '|---|---|--:|--:|--:|--:|--:|',
  ]
  for (const endpoint of endpoints) {
    for (const target of targets) {
      const own = (map: Map<string, number>) => map.get(key(target.name, endpoint.name))
      const of = (map: Map<string, number>, name: string | undefined) =>
        name === undefined ? undefined : map.get(key(name, endpoint.name))
      const inProcess = own(m.inProcess)
      const http = own(m.http)
      lines.push(
        [
          endpoint.name,
          target.label,
          count(inProcess),
          ratio(inProcess, of(m.inProcess, target.baseline)),
          count(http),
          ratio(http, of(m.http, target.baseline)),
          target.name === REFERENCE ? '' : ratio(http, of(m.http, REFERENCE)),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .replace(/$/, ' |'),
      )
    }
  }
  return lines.join('\n')
}

function count(value: number | undefined): string {
  return value === undefined ? '—' : Math.round(value).toLocaleString('en-US')
}

function ratio(value: number | undefined, base: number | undefined): string {
  return value === undefined || base === undefined ? '' : `${(value / base).toFixed(2)}×`
}
