import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'vitest'
import { runConformance } from './run-cases.js'
import { bundle } from './runtimes/bundle.js'
import { findBinary, freePort, ROOT, startChild } from './runtimes/child-target.js'

const workerd = findBinary('workerd', ['--version'])

/** The static fixture, served to the Worker as its ASSETS binding by a read-only disk service. */
const STATIC_DIR = join(ROOT, 'tests/conformance/fixtures/static')

/** A workerd config serving one module Worker on a loopback socket, with a text and an assets binding. */
function config(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "static-files", disk = (path = ${JSON.stringify(STATIC_DIR)}, writable = false)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = ["nodejs_compat", "enable_request_signal"],
  bindings = [
    (name = "GREETING", text = "hello from a binding"),
    (name = "ASSETS", service = "static-files"),
  ],
);
`
}

if (workerd.missing !== undefined) {
  describe('conformance on workerd', () => it.skip(`skipped: ${workerd.missing}`))
} else {
  runConformance('workerd', async () => {
    const file = await bundle('entries/workers.ts', 'neutral')
    const port = await freePort()
    const capnp = join(dirname(file), 'config.capnp')
    writeFileSync(capnp, config(port))
    return startChild('workerd', workerd.path, ['serve', capnp], { url: `http://127.0.0.1:${port}` })
  })
}
