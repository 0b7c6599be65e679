import { type Converter, type ConverterClass, escapeRegex, ValidationError } from './converters.js'

/** One piece of a rule: literal text or a variable with its converter. */
export type RulePart =
  | { readonly kind: 'static'; readonly text: string }
  | {
      readonly kind: 'var'
      readonly name: string
      readonly converter: Converter
      readonly converterName: string
    }

/** Options a rule is declared with (Flask's `route()` keywords). */
export interface RuleOptions {
  methods?: readonly string[]
  endpoint?: string
  defaults?: Record<string, unknown>
  strict_slashes?: boolean
  provide_automatic_options?: boolean
  /** Redirect matching requests to another rule or URL (werkzeug's `redirect_to`). */
  redirect_to?: string
}

const VAR = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g

/**
 * Parses the arguments of a converter as werkzeug does: `min=1, max=5`, `"a", b`, `signed=True`.
 *
 * @example
 * parseConverterArgs('a, "b c", min=1') // { args: ['a', 'b c'], kwargs: { min: 1 } }
 */
export function parseConverterArgs(source: string): { args: unknown[]; kwargs: Record<string, unknown> } {
  const args: unknown[] = []
  const kwargs: Record<string, unknown> = {}
  const re = /\s*(?:([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]*?)\s*(?:,|$)/gy
  let m: RegExpExecArray | null
  while (re.lastIndex < source.length && (m = re.exec(source)) !== null) {
    if (m[0] === '') break
    const raw = m[2] ?? ''
    const value = pythonLiteral(raw)
    if (m[1]) kwargs[m[1]] = value
    else args.push(value)
  }
  return { args, kwargs }
}

function pythonLiteral(raw: string): unknown {
  if (raw === 'True') return true
  if (raw === 'False') return false
  if (raw === 'None') return null
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  if (/^(["']).*\1$/s.test(raw)) return raw.slice(1, -1).replace(/\\(.)/g, '$1')
  return raw
}

/**
 * Splits a rule into literal and variable parts, building each variable's converter.
 * @throws Error for an unknown converter or a variable used twice, at registration time.
 * @example
 * parseRule('/u/<int:id>', DEFAULT_CONVERTERS)
 */
export function parseRule(rule: string, converters: Record<string, ConverterClass>): RulePart[] {
  if (!rule.startsWith('/')) throw new Error(`URL rule '${rule}' must start with a slash.`)
  const parts: RulePart[] = []
  const seen = new Set<string>()
  let last = 0
  for (const m of rule.matchAll(VAR)) {
    if (m.index > last) parts.push({ kind: 'static', text: rule.slice(last, m.index) })
    const converterName = m[1] ?? 'default'
    const name = m[3]!
    const cls = converters[converterName]
    if (cls === undefined) {
      throw new Error(
        `No converter named '${converterName}' for rule '${rule}'. Register it in app.url_map.converters first.`,
      )
    }
    if (seen.has(name)) throw new Error(`Variable name '${name}' used twice in rule '${rule}'.`)
    seen.add(name)
    const { args, kwargs } = parseConverterArgs(m[2] ?? '')
    parts.push({ kind: 'var', name, converter: new cls(args, kwargs), converterName })
    last = m.index + m[0].length
  }
  if (last < rule.length) parts.push({ kind: 'static', text: rule.slice(last) })
  return parts
}

/**
 * A compiled Flask rule: its matcher, the Hono pattern that pre-filters it in the router, its
 * sort key (werkzeug's precedence) and its URL builder. Pure: no request, no I/O.
 */
export class Rule {
  readonly rule: string
  readonly endpoint: string
  readonly methods: ReadonlySet<string>
  readonly defaults: Readonly<Record<string, unknown>>
  readonly strict_slashes: boolean
  readonly redirect_to: string | undefined
  /** Answer OPTIONS with the allowed methods instead of calling the view. */
  readonly provide_automatic_options: boolean
  readonly parts: readonly RulePart[]
  readonly arguments: ReadonlySet<string>
  /** Hono pattern; variables that are not whole segments widen to a segment-wide regex. */
  readonly pattern: string
  /** Segment-by-segment precedence: static beats variables; lower converter weight beats higher. */
  readonly sortKey: readonly number[]
  /** Set when the rule has no variables: the path matches by string comparison. */
  readonly #static: string | undefined
  readonly #regex: RegExp
  readonly #vars: Extract<RulePart, { kind: 'var' }>[]

  constructor(
    rule: string,
    endpoint: string,
    methods: Iterable<string>,
    parts: RulePart[],
    options: RuleOptions = {},
  ) {
    this.rule = rule
    this.endpoint = endpoint
    this.methods = new Set(methods)
    this.defaults = options.defaults ?? {}
    this.strict_slashes = options.strict_slashes ?? true
    this.redirect_to = options.redirect_to
    this.provide_automatic_options = options.provide_automatic_options ?? false
    this.parts = parts
    this.#vars = parts.filter((p): p is Extract<RulePart, { kind: 'var' }> => p.kind === 'var')
    this.arguments = new Set([...this.#vars.map((v) => v.name), ...Object.keys(this.defaults)])
    this.#static = this.#vars.length === 0 ? rule : undefined
    this.#regex = new RegExp(
      `^${parts.map((p) => (p.kind === 'static' ? escapeRegex(p.text) : `(${stripGroups(p.converter.regex)})`)).join('')}$`,
    )
    this.pattern = honoPattern(parts)
    this.sortKey = sortKey(parts)
  }

  /** Whether the rule has a variable that may span segments. */
  get hasPath(): boolean {
    return this.#vars.some((v) => v.converter.part_isolating === false)
  }

  /**
   * The converted variables when `path` (percent-decoding applied per value) matches, else null.
   * @example rule.match('/u/12') // { id: 12 }
   */
  match(path: string): Record<string, unknown> | null {
    const found = this.#matchExact(path)
    if (found !== null || this.strict_slashes || path === '/') return found
    // strict_slashes=False: `/a` and `/a/` both match, whichever the rule declares
    return this.#matchExact(path.endsWith('/') ? path.slice(0, -1) : `${path}/`)
  }

  #matchExact(path: string): Record<string, unknown> | null {
    if (this.#static !== undefined) return path === this.#static ? { ...this.defaults } : null
    const m = this.#regex.exec(path)
    if (m === null) return null
    const values: Record<string, unknown> = { ...this.defaults }
    try {
      for (let i = 0; i < this.#vars.length; i++) {
        const v = this.#vars[i]!
        values[v.name] = v.converter.to_python(decodeSafe(m[i + 1]!))
      }
    } catch (error) {
      if (error instanceof ValidationError) return null
      throw error
    }
    return values
  }

  /** Whether this rule can build a URL from `values` (all variables given, defaults agree). */
  suitableFor(values: Record<string, unknown>, method?: string): boolean {
    if (method !== undefined && !this.methods.has(method)) return false
    for (const v of this.#vars)
      if (values[v.name] === undefined && this.defaults[v.name] === undefined) return false
    for (const [k, d] of Object.entries(this.defaults)) {
      if (values[k] !== undefined && String(values[k]) !== String(d)) return false
    }
    return true
  }

  /** The path for `values`; values the rule does not use are returned apart for the query string. */
  build(values: Record<string, unknown>): { path: string; rest: [string, unknown][] } {
    let path = ''
    for (const p of this.parts) {
      path += p.kind === 'static' ? p.text : p.converter.to_url(values[p.name] ?? this.defaults[p.name])
    }
    const rest: [string, unknown][] = []
    for (const [k, v] of Object.entries(values))
      if (!this.arguments.has(k) && v !== undefined && v !== null) rest.push([k, v])
    return { path, rest }
  }
}

function decodeSafe(text: string): string {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Custom converter regexes may use groups; make them non-capturing so our indices hold. */
function stripGroups(regex: string): string {
  return regex.replace(/(^|[^\\])\((?!\?)/g, '$1(?:')
}

function honoPattern(parts: readonly RulePart[]): string {
  const segments: RulePart[][] = [[]]
  for (const p of parts) {
    if (p.kind === 'var') segments.at(-1)!.push(p)
    else {
      const pieces = p.text.split('/')
      pieces.forEach((piece, i) => {
        if (i > 0) segments.push([])
        if (piece !== '') segments.at(-1)!.push({ kind: 'static', text: piece })
      })
    }
  }
  let n = 0
  const out = segments.map((seg) => {
    if (seg.every((p) => p.kind === 'static')) return seg.map((p) => (p as { text: string }).text).join('')
    const spans = seg.some((p) => p.kind === 'var' && p.converter.part_isolating === false)
    if (spans) return `:_p${n++}{.+}`
    if (seg.length === 1) {
      const v = seg[0] as Extract<RulePart, { kind: 'var' }>
      const simple = HONO_SAFE.test(v.converter.regex) ? v.converter.regex : undefined
      return simple ? `:_p${n++}{${simple}}` : `:_p${n++}`
    }
    return `:_p${n++}`
  })
  return out.join('/') || '/'
}

// A converter regex Hono's router can take inside `{}` as it is: no slashes, braces or groups.
// Others widen to a whole segment and the rule's own regex decides.
const HONO_SAFE = /^[\w[\]\\.+*?^$-]+$/

function sortKey(parts: readonly RulePart[]): number[] {
  const key: number[] = []
  for (const p of parts) {
    if (p.kind === 'var') key.push(p.converter.weight ?? 100)
    else for (const seg of p.text.split('/')) if (seg !== '') key.push(0)
  }
  return key
}

/** Compares two rules by werkzeug's precedence: negative when `a` should be tried first. */
export function compareRules(a: Rule, b: Rule): number {
  const n = Math.min(a.sortKey.length, b.sortKey.length)
  for (let i = 0; i < n; i++) if (a.sortKey[i] !== b.sortKey[i]) return a.sortKey[i]! - b.sortKey[i]!
  return 0
}

/** Whether some path could match both rules (conservative: true when unsure). */
export function mayOverlap(a: Rule, b: Rule): boolean {
  if (a.hasPath || b.hasPath) return true
  const sa = a.pattern.split('/')
  const sb = b.pattern.split('/')
  if (sa.length !== sb.length) return false
  return sa.every((x, i) => x.startsWith(':') || sb[i]!.startsWith(':') || x === sb[i])
}
