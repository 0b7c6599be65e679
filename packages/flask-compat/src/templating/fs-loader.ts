import type { TemplateLoader } from './loader.js'

type NodeFs = typeof import('node:fs')
type NodePath = typeof import('node:path')

interface BuiltinLoader {
  getBuiltinModule?(id: string): unknown
}

// Loaded on first render, so that importing the package never needs `node:fs` (Workers have none).
// `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) loads it synchronously: a render then
// starts in the caller's synchronous request context even the first time.
let modules: Promise<[NodeFs, NodePath]> | undefined

function loadNow(): [NodeFs, NodePath] | undefined {
  const process = (globalThis as { process?: BuiltinLoader }).process
  try {
    const fs = process?.getBuiltinModule?.('node:fs') as NodeFs | undefined
    const path = process?.getBuiltinModule?.('node:path') as NodePath | undefined
    return fs?.statSync === undefined || path?.join === undefined ? undefined : [fs, path]
  } catch {
    return undefined
  }
}

/**
 * Templates read from folders on disk, searched in order (the app's, then blueprints'); what
 * every app uses unless given another loader. `cache` keeps resolved paths.
 *
 * @example
 * const loader = fileSystemLoader(['templates'])
 */
export function fileSystemLoader(
  folders: readonly string[],
  options: { cache?: boolean } = {},
): TemplateLoader {
  const cache = options.cache ?? true
  const pending = [...folders]
  const roots: string[] = []
  const resolved = new Map<string, string>()
  let fs: NodeFs | undefined
  let path: NodePath | undefined

  const isFile = (file: string) => {
    try {
      return fs!.statSync(file).isFile()
    } catch {
      return false
    }
  }
  const isInside = (parent: string, child: string) => {
    const rel = path!.relative(parent, child)
    return rel !== '' && !rel.startsWith('..') && !path!.isAbsolute(rel)
  }
  const absorb = () => {
    for (const dir of pending.splice(0)) {
      const abs = path!.resolve(dir)
      if (!roots.includes(abs)) roots.push(abs)
    }
  }

  return {
    ready() {
      if (fs === undefined) {
        const loaded = loadNow()
        if (loaded === undefined) {
          modules ??= Promise.all([import('node:fs'), import('node:path')])
          return modules.then((m) => {
            ;[fs, path] = m
            absorb()
          })
        }
        ;[fs, path] = loaded
      }
      if (pending.length > 0) absorb()
      return undefined
    },
    resolve(name, from) {
      if (name.includes('\0')) return undefined
      if (from && (name.startsWith('./') || name.startsWith('../'))) {
        const file = path!.join(path!.dirname(from), name)
        return roots.some((root) => isInside(root, file)) && isFile(file) ? file : undefined
      }
      const hit = cache ? resolved.get(name) : undefined
      if (hit) return hit
      // Names are relative to a folder, Jinja-style: no escaping it with ../ or an absolute path.
      const clean = path!.normalize(name.replace(/\\/g, '/')).replace(/^[/\\]+/, '')
      if (clean.split(/[/\\]/).includes('..')) return undefined
      const candidates = /\.[^/\\]+$/.test(clean) ? [clean] : [clean, `${clean}.html`]
      for (const root of roots) {
        for (const candidate of candidates) {
          const file = path!.join(root, candidate)
          if (isInside(root, file) && isFile(file)) {
            if (cache) resolved.set(name, file)
            return file
          }
        }
      }
      return undefined
    },
    compiled: () => undefined,
    source: (key) => fs!.readFileSync(key, 'utf8'),
    get searched() {
      return roots.length > 0 || pending.length === 0 ? roots : pending
    },
    addFolder(dir) {
      pending.push(dir)
      if (path !== undefined) absorb()
      resolved.clear()
    },
  }
}
