import { HTTPException, MethodNotAllowed, NotFound } from '../exceptions.js'
import { iriToUri, redirectBody } from '../wrappers/redirect.js'
import { type ConverterClass, DEFAULT_CONVERTERS } from './converters.js'
import { compareRules, mayOverlap, parseRule, Rule, type RuleOptions } from './rule.js'

/** Werkzeug's `RequestRedirect`: a 308 to the canonical URL of a rule (e.g. the trailing slash). */
export class RequestRedirect extends HTTPException {
  static override code = 308
  readonly new_url: string
  constructor(new_url: string) {
    super(undefined, { headers: { location: iriToUri(new_url) } })
    this.new_url = new_url
  }
  override get_body(): string {
    return redirectBody(this.new_url)
  }
}

/** A successful match: the rule and its converted variables. */
export interface RouteMatch {
  readonly rule: Rule
  readonly view_args: Record<string, unknown>
}

/** What `UrlMap.match` can answer instead of a rule. */
export type RoutingError = NotFound | MethodNotAllowed | RequestRedirect

/**
 * All rules of one app (werkzeug's `Map`): converters, precedence-ordered matching, strict-slash
 * redirects, 405 method sets and URL building. Pure: takes paths and methods, not requests.
 *
 * @example
 * const map = new UrlMap()
 * map.add('/u/<int:id>', 'user', ['GET'])
 * map.match('/u/3', 'GET') // { rule, view_args: { id: 3 } }
 */
export class UrlMap {
  /** Converters by name; add your own: `app.url_map.converters.list = ListConverter`. */
  readonly converters: Record<string, ConverterClass> = { ...DEFAULT_CONVERTERS }
  /** Default for rules that do not say: match `/a` and `/a/` strictly. */
  strict_slashes = true
  readonly #rules: Rule[] = []
  #sorted: Rule[] | undefined
  #byEndpoint: Map<string, Rule[]> | undefined
  readonly #competitors = new WeakMap<Rule, Rule[]>()

  /** Compiles and adds a rule. @throws Error at registration for unknown converters. */
  add(rule: string, endpoint: string, methods: Iterable<string>, options: RuleOptions = {}): Rule {
    const parts = parseRule(rule, this.converters)
    const compiled = new Rule(rule, endpoint, methods, parts, {
      ...options,
      strict_slashes: options.strict_slashes ?? this.strict_slashes,
    })
    this.#rules.push(compiled)
    this.#sorted = undefined
    this.#byEndpoint = undefined
    return compiled
  }

  /** Every rule in registration order. @example for (const r of app.url_map.iter_rules()) r.endpoint */
  iter_rules(endpoint?: string): Rule[] {
    return endpoint === undefined ? [...this.#rules] : this.#rules.filter((r) => r.endpoint === endpoint)
  }

  get #ordered(): Rule[] {
    this.#sorted ??= [...this.#rules].sort(compareRules)
    return this.#sorted
  }

  /** Rules with a higher precedence than `rule` that could match the same paths (cached). */
  competitors(rule: Rule): Rule[] {
    if (this.#sorted === undefined) this.#competitorsReset()
    let list = this.#competitors.get(rule)
    if (list === undefined) {
      const ordered = this.#ordered
      list = ordered.slice(0, ordered.indexOf(rule)).filter((r) => r !== rule && mayOverlap(r, rule))
      this.#competitors.set(rule, list)
    }
    return list
  }

  #competitorsReset(): void {
    for (const r of this.#rules) this.#competitors.delete(r)
  }

  /**
   * Matches like werkzeug's `MapAdapter.match`: the best rule for the path that accepts the
   * method, else a 405 listing what would be accepted, a 308 to the slash-terminated URL, or a 404.
   * The slash redirect keeps `scriptRoot` (the mount prefix); a rule's absolute `redirect_to` does
   * not, as werkzeug joins it onto the host.
   */
  match(path: string, method: string, query = '', urlBase = '', scriptRoot = ''): RouteMatch | RoutingError {
    const allowed = new Set<string>()
    for (const rule of this.#ordered) {
      const view_args = rule.match(path)
      if (view_args === null) continue
      if (acceptsMethod(rule, method)) {
        if (rule.redirect_to !== undefined)
          return new RequestRedirect(`${rule.redirect_to.startsWith('/') ? urlBase : ''}${rule.redirect_to}`)
        return { rule, view_args }
      }
      for (const m of rule.methods) allowed.add(m)
    }
    if (allowed.size > 0) return new MethodNotAllowed(allowedList(allowed))
    if (!path.endsWith('/')) {
      for (const rule of this.#ordered) {
        if (rule.strict_slashes && rule.rule.endsWith('/') && rule.match(`${path}/`) !== null) {
          return new RequestRedirect(`${urlBase}${scriptRoot}${path}/${query ? `?${query}` : ''}`)
        }
      }
    }
    return new NotFound()
  }

  /** The methods `path` accepts, for an automatic OPTIONS answer. */
  allowed_methods(path: string): string[] {
    const allowed = new Set<string>()
    for (const rule of this.#ordered)
      if (rule.match(path) !== null) for (const m of rule.methods) allowed.add(m)
    return allowedList(allowed)
  }

  /**
   * The first rule of `endpoint` able to build from `values`, in werkzeug's order: serving `method`
   * when given; else serving `defaultMethod` (the request's method) first, then any rule.
   */
  buildRule(
    endpoint: string,
    values: Record<string, unknown>,
    method?: string,
    defaultMethod?: string,
  ): Rule | undefined {
    this.#byEndpoint ??= groupBy(this.#rules)
    const rules = this.#byEndpoint.get(endpoint)
    if (rules === undefined) return undefined
    if (method === undefined && defaultMethod !== undefined) {
      const preferred = rules.find((r) => r.suitableFor(values, defaultMethod))
      if (preferred !== undefined) return preferred
    }
    return rules.find((r) => r.suitableFor(values, method))
  }

  /** Whether a rule of `endpoint` has the variable `name` (werkzeug's `is_endpoint_expecting`). */
  is_endpoint_expecting(endpoint: string, ...names: string[]): boolean {
    return this.#rules.some((r) => r.endpoint === endpoint && names.every((n) => r.arguments.has(n)))
  }

  /** Whether some rule has this endpoint. */
  has_endpoint(endpoint: string): boolean {
    this.#byEndpoint ??= groupBy(this.#rules)
    return this.#byEndpoint.has(endpoint)
  }
}

function acceptsMethod(rule: Rule, method: string): boolean {
  return rule.methods.has(method) || (method === 'HEAD' && rule.methods.has('GET'))
}

function allowedList(methods: Set<string>): string[] {
  if (methods.has('GET')) methods.add('HEAD')
  return [...methods].sort()
}

/** Rules by endpoint, in werkzeug's build order: most arguments first, then most defaults. */
function groupBy(rules: Rule[]): Map<string, Rule[]> {
  const map = new Map<string, Rule[]>()
  for (const r of rules) {
    const list = map.get(r.endpoint)
    if (list) list.push(r)
    else map.set(r.endpoint, [r])
  }
  for (const list of map.values()) {
    list.sort(
      (a, b) =>
        b.arguments.size - a.arguments.size ||
        Object.keys(b.defaults).length - Object.keys(a.defaults).length,
    )
  }
  return map
}
