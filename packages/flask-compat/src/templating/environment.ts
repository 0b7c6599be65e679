import { statSync } from 'node:fs'
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path'
import { Eta } from 'eta'
import { escapeHtml, rawText, selectAutoescape } from './escape.js'
import { DEFAULT_TESTS } from './tests.js'

/** A template name was not found in any template folder (Jinja's `TemplateNotFound`). */
export class TemplateNotFound extends Error {
  readonly template_name: string
  readonly searched: readonly string[]
  constructor(name: string, searched: readonly string[]) {
    super(`Template '${name}' not found (searched: ${searched.join(', ') || 'no template folders'})`)
    this.name = 'TemplateNotFound'
    this.template_name = name
    this.searched = searched
  }
}

/** A template filter: a function called as `filters.name(value, ...args)` in templates. */
export type TemplateFilter = (value: never, ...args: never[]) => unknown

/** A template test (Jinja's `value is name`): called as `tests.name(value, ...args)`, gives a boolean. */
export type TemplateTest = (value: never, ...args: never[]) => boolean

/** Options of `createTemplateEnvironment`. */
export interface TemplateEnvironmentOptions {
  /** Folders searched in order (the app's, then blueprints' in registration order). */
  folders?: string[]
  /** Escape `<%= %>` output; a function decides per template name (null = a template string). Default: Flask's rule (.html/.htm/.xml/.xhtml/.svg and strings). */
  autoescape?: boolean | ((name: string | null) => boolean)
  /** Cache compiled templates and resolved paths. Default true. */
  cache?: boolean
}

/** Variables every render receives, returned by a context processor. */
export type ContextProcessor = () => Record<string, unknown> | Promise<Record<string, unknown>>

/** A template environment: what `render_template` and `render_template_string` use. */
export interface TemplateEnvironment {
  render(name: string, context?: Record<string, unknown>): Promise<string>
  renderString(source: string, context?: Record<string, unknown>): Promise<string>
  /** Functions reachable as `filters.name(...)` in templates. */
  readonly filters: Record<string, (...args: never[]) => unknown>
  /** Jinja-style tests reachable as `tests.name(value, ...)` (true or false) in templates. */
  readonly tests: Record<string, TemplateTest>
  /** Variables reachable directly in every template (lower priority than the render context). */
  readonly globals: Record<string, unknown>
  /** Run before each render; their variables sit between globals and the render context. */
  readonly context_processors: ContextProcessor[]
  addFolder(dir: string): void
  readonly folders: readonly string[]
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * Eta with Flask's habits: templates found by name across folders (`render('index.html')`),
 * context keys as plain variables (`<%= name %>`; Eta's `it.name` works too), HTML escaping with
 * Markup pass-through, `layout()`/`include()` partials, filters and globals, async rendering.
 *
 * @example
 * const env = createTemplateEnvironment({ folders: ['templates'] })
 * env.filters.upper = (s: string) => s.toUpperCase()
 * await env.render('hello.html', { name: 'Ada' }) // template: <h1><%= filters.upper(name) %></h1>
 */
export function createTemplateEnvironment(options: TemplateEnvironmentOptions = {}): TemplateEnvironment {
  const folders = (options.folders ?? []).map((f) => resolve(f))
  const cache = options.cache ?? true
  const autoescape = options.autoescape ?? selectAutoescape
  const shouldEscape = (name: string | null) =>
    typeof autoescape === 'function' ? autoescape(name) : autoescape
  const resolved = new Map<string, string>()

  function findTemplate(name: string, from: string | undefined): string {
    if (name.includes('\0')) throw new TemplateNotFound(name, folders)
    if (from && (name.startsWith('./') || name.startsWith('../'))) {
      const path = join(dirname(from), name)
      if (folders.some((f) => isInside(f, path)) && isFile(path)) return path
      throw new TemplateNotFound(name, folders)
    }
    const key = name
    const hit = cache ? resolved.get(key) : undefined
    if (hit) return hit
    // names are relative to a folder, Jinja-style: no escaping it with ../ or an absolute path
    const clean = normalize(name.replace(/\\/g, '/')).replace(/^[/\\]+/, '')
    if (clean.split(/[/\\]/).includes('..')) throw new TemplateNotFound(name, folders)
    const candidates = /\.[^/\\]+$/.test(clean) ? [clean] : [clean, `${clean}.html`]
    for (const folder of folders) {
      for (const candidate of candidates) {
        const path = join(folder, candidate)
        if (isInside(folder, path) && isFile(path)) {
          if (cache) resolved.set(key, path)
          return path
        }
      }
    }
    throw new TemplateNotFound(name, folders)
  }

  const makeEta = (escapes: boolean) => {
    const eta = new Eta({
      autoEscape: true,
      escapeFunction: escapes ? escapeHtml : rawText,
      useWith: true,
      cache,
      views: folders[0] ?? sep,
      autoTrim: false,
    })
    eta.resolvePath = (template: string, opts?: { filepath?: string }) =>
      findTemplate(template, opts?.filepath)
    return eta
  }
  const escaping = makeEta(true)
  const plain = makeEta(false)

  const filters: Record<string, (...args: never[]) => unknown> = {}
  const tests: Record<string, TemplateTest> = { ...DEFAULT_TESTS }
  const globals: Record<string, unknown> = {}
  const context_processors: ContextProcessor[] = []

  // Without context processors the template starts running before render() returns, so it sees
  // whatever request context the caller set for that synchronous call.
  function data(
    context: Record<string, unknown> | undefined,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const merged: Record<string, unknown> = { ...globals, filters, tests }
    if (context_processors.length === 0) return Object.assign(merged, context)
    return (async () => {
      for (const processor of context_processors) Object.assign(merged, await processor())
      return Object.assign(merged, context)
    })()
  }

  const withData = (
    context: Record<string, unknown> | undefined,
    render: (data: Record<string, unknown>) => Promise<string>,
  ): Promise<string> => {
    const ready = data(context)
    return ready instanceof Promise ? ready.then(render) : render(ready)
  }

  return {
    render(name, context) {
      try {
        findTemplate(name, undefined) // throws TemplateNotFound before any work
        const eta = shouldEscape(name) ? escaping : plain
        return withData(context, (d) => eta.renderAsync(name, d))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    renderString(source, context) {
      try {
        const eta = shouldEscape(null) ? escaping : plain
        return withData(context, (d) => eta.renderStringAsync(source, d))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    filters,
    tests,
    globals,
    context_processors,
    addFolder(dir) {
      const path = resolve(dir)
      if (!folders.includes(path)) folders.push(path)
      resolved.clear()
    },
    folders,
  }
}
