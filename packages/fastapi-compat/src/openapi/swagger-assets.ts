import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// Only these files are served: the name comes from the URL, so it is never joined to a path as is.
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'oauth2-redirect.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
}

const loaded = new Map<string, Uint8Array>()
let directory: string | undefined

function swaggerDirectory(): string {
  directory ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return directory
}

/**
 * The names `serveSwaggerAsset` answers.
 * @example
 * swaggerAssetNames() // ['swagger-ui-bundle.js', 'swagger-ui.css', ...]
 */
export function swaggerAssetNames(): string[] {
  return Object.keys(ASSETS)
}

/**
 * One Swagger UI file read from the installed `swagger-ui-dist` package (Node, Bun, Deno), for an
 * offline `/docs`; `undefined` for any other name. Files are read once and kept in memory.
 *
 * @example
 * app.get('/docs/assets/:name', (c) => serveSwaggerAsset(c.req.param('name')) ?? c.notFound())
 */
export function serveSwaggerAsset(name: string): Response | undefined {
  const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined
  if (!type) return undefined
  let bytes = loaded.get(name)
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(swaggerDirectory(), name)))
    loaded.set(name, bytes)
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': type,
      'content-length': String(bytes.byteLength),
      // The package version pins the content; a day of caching spares reloads of a 1.5 MB bundle.
      'cache-control': 'public, max-age=86400',
    },
  })
}
