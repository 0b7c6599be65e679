import type { UrlMap } from '../routing/map.js'

/** Werkzeug's `BuildError`: no rule of the endpoint can build a URL from the given values. */
export class BuildError extends Error {
  readonly endpoint: string
  readonly values: Record<string, unknown>
  readonly method: string | undefined
  constructor(endpoint: string, values: Record<string, unknown>, method: string | undefined, map: UrlMap) {
    let message = `Could not build url for endpoint '${endpoint}'`
    if (method) message += ` ('${method}')`
    const keys = Object.keys(values)
    if (keys.length) message += ` with values [${keys.map((k) => `'${k}'`).join(', ')}]`
    message += '.'
    const rules = map.iter_rules(endpoint)
    if (rules.length > 0) {
      const needed = [...rules[0]!.arguments].filter((a) => !(a in values))
      if (needed.length)
        message += ` Did you forget to specify values [${needed.map((a) => `'${a}'`).join(', ')}]?`
    } else {
      message += ' Did you mean something else? No rule has that endpoint.'
    }
    super(message)
    this.name = 'BuildError'
    this.endpoint = endpoint
    this.values = values
    this.method = method
  }
}

// werkzeug keeps these as they are in query strings; space becomes '+'
const QUERY_KEEP = /%(2F|3F|24|2C|3A|3B|40)/g
const ANCHOR_KEEP = /%(25|21|23|24|26|27|28|29|2A|2B|2C|2F|3A|3B|3D|3F|40)/g

function quoteQuery(value: string): string {
  return encodeURIComponent(value)
    .replace(QUERY_KEEP, (m) => decodeURIComponent(m))
    .replace(/%20/g, '+')
}

/**
 * A query string as werkzeug's `url_encode` writes it: lists repeat the key, null is left out.
 * @example encodeQuery([['q', 'a b'], ['tag', ['x', 'y']]]) // 'q=a+b&tag=x&tag=y'
 */
export function encodeQuery(pairs: Iterable<readonly [string, unknown]>): string {
  const out: string[] = []
  for (const [k, v] of pairs) {
    const items = Array.isArray(v) ? v : [v]
    for (const item of items)
      if (item !== null && item !== undefined) out.push(`${quoteQuery(k)}=${quoteQuery(String(item))}`)
  }
  return out.join('&')
}

/** An anchor quoted as Flask's `url_for(_anchor=...)` quotes it. */
export function quoteAnchor(anchor: string): string {
  return encodeURIComponent(anchor).replace(ANCHOR_KEEP, (m) => decodeURIComponent(m))
}

/**
 * Builds the path and query for `endpoint` from `values` with the map's rules, or throws BuildError.
 * Without `method`, rules serving `defaultMethod` (Flask passes the request's method) are tried first.
 * @example buildPath(app.url_map, 'user', { id: 3, tab: 'x' }) // '/u/3?tab=x'
 */
export function buildPath(
  map: UrlMap,
  endpoint: string,
  values: Record<string, unknown>,
  method?: string,
  defaultMethod?: string,
): string {
  const rule = map.buildRule(endpoint, values, method, defaultMethod)
  if (rule === undefined) throw new BuildError(endpoint, values, method, map)
  const { path, rest } = rule.build(values)
  const query = encodeQuery(rest)
  return query ? `${path}?${query}` : path
}
