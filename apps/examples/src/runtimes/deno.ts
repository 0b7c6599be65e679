// Deno: npx deno run --allow-net --allow-env --allow-read --unstable-sloppy-imports
//         --conditions=@bustapi/source apps/examples/src/runtimes/deno.ts
import { serve } from '@bustapi/adapters/deno'
import { createRuntimesApp } from './app.js'

const server = await serve(createRuntimesApp())
console.log(`Deno serving on ${server.url}`)
