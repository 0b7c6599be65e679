import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { build } from 'esbuild'

/**
 * Bundles an entry into one ES module for a runtime that cannot resolve the workspace's TypeScript
 * sources itself (Deno, workerd, an older Node). `node:*` stays external: each runtime provides it.
 *
 * @example
 * const file = await bundle('entries/deno.ts', 'neutral') // or an absolute path
 */
export async function bundle(entry: string, platform: 'neutral' | 'node'): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'bustapi-bundle-'))
  const outfile = join(outdir, 'worker.js')
  await build({
    entryPoints: [isAbsolute(entry) ? entry : join(import.meta.dirname, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    conditions: ['@bustapi/source', ...(platform === 'neutral' ? ['workerd', 'worker', 'import'] : [])],
    mainFields: ['module', 'main'],
    external: ['node:*'],
    logLevel: 'error',
    // A Node bundle of ESM that calls require() (ws) needs a require in scope.
    ...(platform === 'node'
      ? {
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
        }
      : {}),
  })
  return outfile
}
