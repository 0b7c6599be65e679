/**
 * Compiles a folder of templates into one ES module for `precompiledLoader`, so that
 * `render_template` works where there is no file system or no run-time code generation (Workers).
 *
 *   npx tsx --conditions=@bustapi/source packages/flask-compat/bin/precompile-templates.ts \
 *     <template folder> <output module .js>
 *
 * Then: `import templates from './templates.compiled.js'` and
 * `app.jinja_env.loader = precompiledLoader(templates)`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { precompiledModule } from '../src/templating/precompile.js'

/** Every file below `dir` (hidden ones skipped), as folder-relative `/`-separated names, sorted. */
function templateFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'))
    }
  }
  walk(dir)
  return out.sort()
}

/**
 * Writes the compiled module of `dir`'s templates to `out` (and a `.d.ts` beside a `.js`).
 * Returns the template names.
 *
 * @example
 * precompileFolder('templates', 'src/templates.compiled.js')
 */
export function precompileFolder(dir: string, out: string): string[] {
  const root = resolve(dir)
  const names = templateFiles(root)
  const code = precompiledModule(
    names.map((name) => [name, readFileSync(join(root, name), 'utf8')] as const),
    relative(dirname(resolve(out)), root)
      .split(sep)
      .join('/') || '.',
  )
  mkdirSync(dirname(resolve(out)), { recursive: true })
  writeFileSync(out, code)
  if (out.endsWith('.js') || out.endsWith('.mjs')) {
    const types = out.replace(/\.m?js$/, (ext) => (ext === '.mjs' ? '.d.mts' : '.d.ts'))
    writeFileSync(
      types,
      "declare const templates: import('@bustapi/flask-compat').PrecompiledTemplates\nexport default templates\n",
    )
  }
  return names
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, out] = process.argv.slice(2)
  if (dir === undefined || out === undefined) {
    console.error('usage: precompile-templates <template folder> <output module .js>')
    process.exit(2)
  }
  const names = precompileFolder(dir, out)
  console.log(`precompile-templates: ${names.length} templates from ${dir} -> ${out}`)
}
