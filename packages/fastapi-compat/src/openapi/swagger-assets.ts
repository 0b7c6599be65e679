import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

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

/** The file of the optional `redoc` package that `/redoc` can serve itself. */
export const REDOC_BUNDLE = 'redoc/bundles/redoc.standalone.js'

/**
 * Where `redoc`'s standalone bundle is installed, looked up from each base in turn (a file URL or
 * path of a module); `undefined` when no base resolves it. Uncached: see `localRedocBundle`.
 *
 * @example
 * findRedocBundle([import.meta.url, join(process.cwd(), 'index.js')]) // '/app/node_modules/redoc/bundles/redoc.standalone.js'
 */
export function findRedocBundle(bases: readonly string[]): string | undefined {
  for (const base of bases) {
    try {
      return createRequire(base).resolve(REDOC_BUNDLE)
    } catch {
      // Not installed where this base looks; try the next.
    }
  }
  return undefined
}

let redocPath: string | null | undefined

/**
 * The installed `redoc` bundle, looked up once: from this package, then from the working
 * directory (the application's own `node_modules`). `undefined` where `redoc` is not installed
 * or the runtime has no file system.
 *
 * @example
 * const local = localRedocBundle() !== undefined
 */
export function localRedocBundle(): string | undefined {
  if (redocPath === undefined) {
    const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.()
    const bases = [import.meta.url]
    if (cwd !== undefined) bases.push(pathToFileURL(join(cwd, 'index.js')).href)
    redocPath = findRedocBundle(bases) ?? null
  }
  return redocPath ?? undefined
}

let redocBytes: Uint8Array | undefined

/**
 * The installed ReDoc bundle as a response, read once and kept in memory; `undefined` when
 * `redoc` is not installed.
 *
 * @example
 * app.get('/redoc/assets/redoc.standalone.js', (c) => serveRedocBundle() ?? c.notFound())
 */
export function serveRedocBundle(): Response | undefined {
  const path = localRedocBundle()
  if (path === undefined) return undefined
  redocBytes ??= new Uint8Array(readFileSync(path))
  return new Response(redocBytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': String(redocBytes.byteLength),
      'cache-control': 'public, max-age=86400',
    },
  })
}
