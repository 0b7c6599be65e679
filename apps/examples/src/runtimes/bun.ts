// Bun: npx bun --conditions=@bustapi/source apps/examples/src/runtimes/bun.ts
import { serve } from '@bustapi/adapters/bun'
import { createRuntimesApp } from './app.js'

const server = await serve(createRuntimesApp())
console.log(`Bun serving on ${server.url}`)
