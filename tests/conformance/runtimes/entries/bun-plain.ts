// The conformance app as a plain `export default app` on Bun: no websocket handlers for Bun.
import { createConformanceApp } from '../../apps.js'

const app = createConformanceApp({ staticRoot: 'tests/conformance/fixtures/static' })
await app.startup()
export default { fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }
