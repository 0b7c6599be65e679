// Serves the conformance app through run(), which must pick the Bun adapter; prints the URL.
import { run } from '@bustapi/adapters'
import { createConformanceApp } from '../../apps.js'

const info = await run(createConformanceApp(), { port: 0, hostname: '127.0.0.1' })
console.log(`LISTENING ${info.url}`)
