import { Eta } from 'eta/core'
import { escapeHtml, rawText, selectAutoescape } from './escape.js'
import { ETA_OPTIONS } from './eta-options.js'
import { fileSystemLoader } from './fs-loader.js'
import type { TemplateLoader } from './loader.js'
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
  /** Where templates come from; default the file system over `folders`. */
  loader?: TemplateLoader
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
  /**
   * Where templates come from (Jinja's `env.loader`); assign `precompiledLoader(templates)` where
   * there is no file system or no run-time code generation (Workers).
   */
  loader: TemplateLoader
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
  const folders = [...(options.folders ?? [])]
  const cache = options.cache ?? true
  let loader = options.loader ?? fileSystemLoader(folders, { cache })
  const autoescape = options.autoescape ?? selectAutoescape
  const shouldEscape = (name: string | null) =>
    typeof autoescape === 'function' ? autoescape(name) : autoescape

  const find = (name: string, from: string | undefined): string => {
    const key = loader.resolve(name, from)
    if (key === undefined) throw new TemplateNotFound(name, loader.searched)
    return key
  }

  const makeEta = (escapes: boolean) => {
    // Eta's cache is always on: precompiled functions live in it (compiling is impossible on
    // Workers). Without `cache`, templates compiled from source are dropped before each render.
    const eta = new Eta({ ...ETA_OPTIONS, escapeFunction: escapes ? escapeHtml : rawText, cache: true })
    eta.resolvePath = (template: string, opts?: { filepath?: string }) => {
      const key = find(template, opts?.filepath)
      const compiled = loader.compiled(key)
      if (compiled !== undefined && eta.templatesAsync.get(key) !== compiled.async) {
        eta.templatesSync.define(key, compiled.sync as never)
        eta.templatesAsync.define(key, compiled.async as never)
      }
      return key
    }
    eta.readFile = (key: string) => loader.source(key)
    return eta
  }
  const escaping = makeEta(true)
  const plain = makeEta(false)
  const forget = () => {
    for (const eta of [escaping, plain]) {
      eta.templatesSync.reset()
      eta.templatesAsync.reset()
    }
  }

  const filters: Record<string, (...args: never[]) => unknown> = {}
  const tests: Record<string, TemplateTest> = { ...DEFAULT_TESTS }
  const globals: Record<string, unknown> = {}
  const context_processors: ContextProcessor[] = []

  // Without context processors (and with the loader ready) the template starts running before
  // render() returns, so it sees whatever request context the caller set for that synchronous call.
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

  /** Runs `start` once the loader is ready: at once when it already is (the usual case). */
  const whenReady = (start: () => Promise<string>): Promise<string> => {
    try {
      const pending = loader.ready?.()
      return pending === undefined ? start() : pending.then(start)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  return {
    render(name, context) {
      return whenReady(() => {
        if (!cache) forget()
        find(name, undefined) // throws TemplateNotFound before any work
        const eta = shouldEscape(name) ? escaping : plain
        return withData(context, (d) => eta.renderAsync(name, d))
      })
    },
    renderString(source, context) {
      return whenReady(() => {
        const eta = shouldEscape(null) ? escaping : plain
        return withData(context, (d) => eta.renderStringAsync(source, d))
      })
    },
    filters,
    tests,
    globals,
    context_processors,
    addFolder(dir) {
      if (!folders.includes(dir)) folders.push(dir)
      loader.addFolder?.(dir)
      forget()
    },
    folders,
    get loader() {
      return loader
    },
    set loader(next) {
      loader = next
      forget()
    },
  }
}
