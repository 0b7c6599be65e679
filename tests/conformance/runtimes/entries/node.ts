// Serves the conformance app with the Node adapter on a random loopback port; prints the URL.
import { serve } from '@bustapi/adapters/node'
import { createConformanceApp } from '../../apps.js'

// A bundle no longer sits beside apps.ts: the fixture is found from the working directory (the repo root).
const app = createConformanceApp({ staticRoot: 'tests/conformance/fixtures/static' })
const info = await serve(app, { port: 0, hostname: '127.0.0.1' })
console.log(`LISTENING ${info.url}`)
