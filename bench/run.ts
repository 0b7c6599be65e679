// `npm run bench`: every target's three endpoints, in process (tinybench on `fetch`) and over
// loopback HTTP (autocannon against a server child), in one run, as ratios to a raw Hono handler.
//   --quick        short runs (a smoke test of the harness, not figures to publish)
//   --write        put the table into bench/README.md
//   --only=a,b     only these targets (baselines are added)

import { readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { endpoints } from './endpoints.js'
import { measureHttp, type ServerChild, startServer } from './http.js'
import { key, measureInProcess } from './in-process.js'
import { renderTable } from './table.js'
import { loadTarget, targetLoaders } from './targets/index.js'
import type { Target } from './targets/types.js'

const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const settings = quick
  ? { inProcessMs: 300, rounds: 1, http: { seconds: 1, connections: 32 }, warmupSeconds: 0.5 }
  : { inProcessMs: 2_000, rounds: 3, http: { seconds: 4, connections: 32 }, warmupSeconds: 1 }

const targets = await selectTargets()
console.log(`targets: ${targets.map((t) => t.name).join(', ')}`)

const inProcess = new Map<string, number>()
for (let round = 0; round < settings.rounds; round++) {
  const ordered = round % 2 === 0 ? targets : [...targets].reverse()
  for (const [name, value] of await measureInProcess(ordered, endpoints, settings.inProcessMs)) {
    inProcess.set(name, Math.max(inProcess.get(name) ?? 0, value))
  }
  console.log(`in-process round ${round + 1}/${settings.rounds} done`)
}

const http = new Map<string, number>()
// Each round starts fresh server processes: a process can settle into a slower state for its whole
// life (V8's allocation-site pretenuring flips in some processes and not others), and one unlucky
// process must not decide a row. Within a round, a warm-up precedes each endpoint's measurements.
for (let round = 0; round < settings.rounds; round++) {
  const ordered = round % 2 === 0 ? targets : [...targets].reverse()
  const servers = new Map<string, ServerChild>()
  try {
    for (const target of targets) servers.set(target.name, await startServer(target.name))
    for (const endpoint of endpoints) {
      for (const target of ordered) {
        await measureHttp(servers.get(target.name)!.url, endpoint, {
          ...settings.http,
          seconds: settings.warmupSeconds,
        })
      }
      for (const target of ordered) {
        const value = await measureHttp(servers.get(target.name)!.url, endpoint, settings.http)
        const name = key(target.name, endpoint.name)
        http.set(name, Math.max(http.get(name) ?? 0, value))
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()))
  }
  console.log(`HTTP round ${round + 1}/${settings.rounds} done`)
}

const table = renderTable(targets, endpoints, { inProcess, http })
const conditions =
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; ` +
  `in process: tinybench ${settings.inProcessMs} ms per task, best of ${settings.rounds}; ` +
  `HTTP: autocannon ${settings.http.connections} connections × ${settings.http.seconds} s over 127.0.0.1 ` +
  `against a server in its own process, best of ${settings.rounds} rounds on fresh server processes.`
console.log(`\n${table}\n\n${conditions}`)

if (args.has('--write')) {
  // Compiled to bench/dist/run.js; the README sits beside the sources.
  const path = new URL(import.meta.url.endsWith('.js') ? '../README.md' : './README.md', import.meta.url)
  const readme = await readFile(path, 'utf8')
  const block = `<!-- bench:start -->\n${table}\n\n${conditions}\n<!-- bench:end -->`
  await writeFile(path, readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block))
  console.log('bench/README.md updated')
}

async function selectTargets(): Promise<Target[]> {
  const names = Object.keys(targetLoaders).filter((name) => only === undefined || only.includes(name))
  const loaded = await Promise.all(names.map(loadTarget))
  const missing = loaded
    .map((t) => t.baseline)
    .filter((b): b is string => b !== undefined && !names.includes(b))
  return [...(await Promise.all([...new Set(missing)].map(loadTarget))), ...loaded]
}
