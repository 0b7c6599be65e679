/** A compiled template as Eta calls it: `this` is the Eta instance, `it` the render data. */
export type CompiledTemplate = (this: unknown, it: Record<string, unknown>, options: unknown) => unknown

/** One template compiled ahead of time: Eta renders includes synchronously and pages asynchronously. */
export interface PrecompiledTemplate {
  sync: CompiledTemplate
  async: CompiledTemplate
}

/** What `precompile-templates` writes: template names (folder-relative, `/`-separated) to functions. */
export type PrecompiledTemplates = Readonly<Record<string, PrecompiledTemplate>>

/**
 * Where templates come from (Jinja's loader): the file system by default, or templates compiled at
 * build time for runtimes without a file system or code generation (Workers). Set one on an app
 * with `app.jinja_env.loader = precompiledLoader(templates)`.
 */
export interface TemplateLoader {
  /**
   * Called before each render; a promise when the loader must first load something (a
   * file-system loader without `process.getBuiltinModule` loads `node:fs` here, once).
   */
  ready?(): Promise<void> | undefined
  /**
   * The key of template `name`, or undefined when there is none. `./` and `../` names are relative
   * to `from`, the key of the including template.
   */
  resolve(name: string, from?: string): string | undefined
  /** The functions of a precompiled key, else undefined (its source is then compiled). */
  compiled(key: string): PrecompiledTemplate | undefined
  /** The source text of a key that is not precompiled. */
  source(key: string): string
  /** Where it looked, for `TemplateNotFound`. */
  readonly searched: readonly string[]
  /** Also search `dir` (a blueprint's template folder); loaders without folders ignore it. */
  addFolder?(dir: string): void
}

/** Folder-relative posix normalisation; undefined when the name climbs above its folder. */
function normalise(path: string): string | undefined {
  const out: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length === 0) return undefined
      out.pop()
    } else out.push(part)
  }
  return out.join('/')
}

/**
 * A loader over templates compiled by `precompile-templates`: no file system and no code generation
 * at run time. Several sets are searched in order (an app's, then its blueprints').
 *
 * @example
 * import templates from './templates.compiled.js'
 * app.jinja_env.loader = precompiledLoader(templates)
 */
export function precompiledLoader(...sets: PrecompiledTemplates[]): TemplateLoader {
  // Keys carry the set's index, so `./` names resolve inside the set of the including template.
  const keyOf = (set: number, name: string) => `${set}:${name}`
  const find = (set: number, name: string) => {
    const templates = sets[set] as PrecompiledTemplates
    for (const candidate of /\.[^/]+$/.test(name) ? [name] : [name, `${name}.html`]) {
      if (Object.hasOwn(templates, candidate)) return keyOf(set, candidate)
    }
    return undefined
  }
  return {
    resolve(name, from) {
      if (name.includes('\0')) return undefined
      if (from !== undefined && (name.startsWith('./') || name.startsWith('../'))) {
        const colon = from.indexOf(':')
        const set = Number(from.slice(0, colon))
        const dir = from.slice(colon + 1).replace(/[^/]*$/, '')
        const path = normalise(dir + name)
        return path === undefined ? undefined : find(set, path)
      }
      // Names are folder-relative, Jinja-style: no leaving the set with ../ or an absolute path.
      if (name.replace(/\\/g, '/').split('/').includes('..')) return undefined
      const path = normalise(name)
      if (path === undefined || path === '') return undefined
      for (let set = 0; set < sets.length; set++) {
        const key = find(set, path)
        if (key !== undefined) return key
      }
      return undefined
    },
    compiled(key) {
      const colon = key.indexOf(':')
      const templates = sets[Number(key.slice(0, colon))]
      const name = key.slice(colon + 1)
      return templates !== undefined && Object.hasOwn(templates, name) ? templates[name] : undefined
    },
    source(key) {
      throw new Error(`Template '${key}' is not precompiled, and precompiled templates have no sources.`)
    },
    searched: sets.map((_, i) => `precompiled templates #${i + 1}`),
  }
}
