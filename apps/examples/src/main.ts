import { serve } from '@bustapi/adapters/node'
import { createSite } from './site.js'

// `npm start`: the example site on Node's server. PORT and HOST are honoured.
const site = await createSite()
const server = await serve(site, {
  port: Number(process.env.PORT ?? 8000),
  hostname: process.env.HOST ?? '127.0.0.1',
})
console.log(`BustAPI example listening on ${server.url}`)
console.log(`  Flask guestbook   ${server.url}/`)
console.log(`  FastAPI shop      ${server.url}/api/docs`)
console.log(`  core app          ${server.url}/core/hello/world`)
