// Serves the conformance app with the Node adapter on a random loopback port; prints the URL.
import { serve } from '@bustapi/adapters/node'
import { createConformanceApp } from '../../apps.js'

const info = await serve(createConformanceApp(), { port: 0, hostname: '127.0.0.1' })
console.log(`LISTENING ${info.url}`)
