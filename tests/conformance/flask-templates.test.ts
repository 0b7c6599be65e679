import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { precompileFolder } from '../../packages/flask-compat/bin/precompile-templates.js'
import { createTemplatesApp, TEMPLATE_FIXTURES } from './flask-templates-app.js'
import { bundle } from './runtimes/bundle.js'
import { findBinary, freePort, ROOT, startChild } from './runtimes/child-target.js'

const workerd = findBinary('workerd', ['--version'])

/** A workerd config serving one module Worker on a loopback socket (no file system, no eval). */
function config(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = ["nodejs_compat"],
);
`
}

describe('flask-compat templates on workerd', () => {
  it.skipIf(workerd.missing !== undefined)(
    `render_template with precompiled templates answers as on disk${workerd.missing ? ` (skipped: ${workerd.missing})` : ''}`,
    { timeout: 30_000 },
    async () => {
      const work = join(ROOT, '.cache/flask-templates')
      mkdirSync(work, { recursive: true })
      precompileFolder(join(ROOT, TEMPLATE_FIXTURES), join(work, 'templates.compiled.js'))
      const entry = join(work, 'worker.ts')
      writeFileSync(
        entry,
        `import { precompiledLoader } from '@bustapi/flask-compat'
import { createTemplatesApp } from ${JSON.stringify(join(ROOT, 'tests/conformance/flask-templates-app.ts'))}
import templates from './templates.compiled.js'
const app = createTemplatesApp({ loader: precompiledLoader(templates) })
export default { fetch: (request, env, ctx) => app.fetch(request, env, ctx) }
`,
      )
      const file = await bundle(entry, 'neutral')
      const port = await freePort()
      const capnp = join(dirname(file), 'config.capnp')
      writeFileSync(capnp, config(port))
      const expected = await createTemplatesApp({ folder: join(ROOT, TEMPLATE_FIXTURES) })
        .test_client()
        .get('/')
      expect(expected.status_code).toBe(200)
      const target = await startChild('workerd', workerd.path, ['serve', capnp], {
        url: `http://127.0.0.1:${port}`,
      })
      try {
        const res = await target.fetch('/')
        expect(res.status).toBe(200)
        expect(await res.text()).toBe(expected.text)
      } finally {
        await target.close()
      }
    },
  )
})
