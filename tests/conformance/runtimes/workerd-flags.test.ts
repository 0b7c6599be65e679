import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundle } from './bundle.js'
import { findBinary, freePort, ROOT } from './child-target.js'

const workerd = findBinary('workerd', ['--version'])

/** A workerd config serving one module Worker with the given compatibility flags. */
function config(port: number, flags: string[]): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = ${JSON.stringify(flags)},
);
`
}

let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

/** Serves the context Worker with `flags`; resolves once it answers anything, with its log so far. */
async function serveWith(flags: string[]) {
  const file = await bundle('entries/workers-context.ts', 'neutral')
  const port = await freePort()
  const capnp = join(dirname(file), 'config.capnp')
  writeFileSync(capnp, config(port, flags))
  const proc = spawn(workerd.path!, ['serve', '--verbose', capnp], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = proc
  let log = ''
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      const res = await fetch(`${url}/who?name=first`)
      return { res, body: await res.text(), log: () => log, url }
    } catch {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`workerd did not answer:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

describe.skipIf(workerd.missing !== undefined)('core on workerd and its compatibility flags', () => {
  it('without nodejs_als/nodejs_compat the first request answers 500 and the log says which flag to add', async () => {
    const { res, log } = await serveWith([])
    expect(res.status).toBe(500)
    await expect.poll(log, { timeout: 3_000 }).toContain('compatibility_flags = ["nodejs_als"]')
    expect(log()).toContain('BustAPI needs the nodejs_als or nodejs_compat compatibility flag')
  })

  it('with nodejs_als alone (no process global) the context works from the first request', async () => {
    const { res, body, url } = await serveWith(['nodejs_als'])
    expect([res.status, body]).toEqual([200, 'hello first'])
    expect(await (await fetch(`${url}/who?name=second`)).text()).toBe('hello second')
  })

  it('with nodejs_compat the context works from the first request', async () => {
    const { res, body } = await serveWith(['nodejs_compat'])
    expect([res.status, body]).toEqual([200, 'hello first'])
  })
})
