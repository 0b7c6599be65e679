// Node: npx tsx --conditions=@bustapi/source apps/examples/src/runtimes/node.ts
import { serve } from '@bustapi/adapters/node'
import { createRuntimesApp } from './app.js'

const server = await serve(createRuntimesApp())
console.log(`Node ${process.version} serving on ${server.url}`)
