/**
 * A parsed `Accept`-style header (werkzeug's `MIMEAccept`): values with their quality, best first.
 *
 * @example
 * request.accept_mimetypes.best_match(['application/json', 'text/html'])
 */
export class MIMEAccept {
  readonly values: ReadonlyArray<readonly [string, number]>
  constructor(header: string | null) {
    const items: [string, number, number][] = []
    for (const [i, part] of (header ?? '').split(',').entries()) {
      const [value, ...params] = part.split(';').map((s) => s.trim())
      if (!value) continue
      let q = 1
      for (const p of params) {
        const m = /^q=([0-9.]+)$/i.exec(p)
        if (m) q = Math.max(0, Math.min(1, Number(m[1])))
      }
      items.push([value.toLowerCase(), q, i])
    }
    // Stable sort by quality so equally-weighted values keep the client's order.
    items.sort((a, b) => b[1] - a[1] || a[2] - b[2])
    this.values = items.map(([v, q]) => [v, q] as const)
  }

  /** The quality of `value` (0 when not accepted), wildcards honoured. */
  quality(value: string): number {
    let best = 0
    for (const [v, q] of this.values) if (q > best && matches(v, value.toLowerCase())) best = q
    return best
  }
  /** Whether the client accepts `value` at all. */
  has(value: string): boolean {
    return this.quality(value) > 0
  }
  /** The offered value the client prefers most, or `defaultValue`. */
  best_match<D = undefined>(matches_: readonly string[], defaultValue?: D): string | D {
    let result: string | D = defaultValue as D
    let bestQ = 0
    let bestSpecific = -1
    for (const offer of matches_) {
      for (const [v, q] of this.values) {
        if (q <= 0 || !matches(v, offer.toLowerCase())) continue
        const specific = v === '*/*' ? 0 : v.endsWith('/*') ? 1 : 2
        if (q > bestQ || (q === bestQ && specific > bestSpecific)) {
          result = offer
          bestQ = q
          bestSpecific = specific
        }
      }
    }
    return result
  }
  /** The value with the highest quality. */
  get best(): string | undefined {
    return this.values[0]?.[0]
  }
  get accept_json(): boolean {
    return this.has('application/json')
  }
  get accept_html(): boolean {
    return this.has('text/html') || this.has('application/xhtml+xml')
  }
  toString(): string {
    return this.values.map(([v, q]) => (q === 1 ? v : `${v};q=${q}`)).join(',')
  }
}

function matches(pattern: string, value: string): boolean {
  if (pattern === '*' || pattern === '*/*' || pattern === value) return true
  const [pt, ps] = pattern.split('/')
  const [vt, vs] = value.split('/')
  return (
    (ps === '*' && pt === vt) ||
    (vs === '*' && pt === vt) ||
    (vt === '*' && vs === '*') ||
    (pt === vt && ps === vs)
  )
}

/**
 * The `Authorization` header, parsed for Basic and token schemes (werkzeug's `Authorization`).
 * @example if (request.authorization?.type === 'basic') request.authorization.username
 */
export class Authorization {
  constructor(
    readonly type: string,
    readonly parameters: Readonly<Record<string, string>> = {},
    readonly token: string | null = null,
  ) {}
  get username(): string | undefined {
    return this.parameters.username
  }
  get password(): string | undefined {
    return this.parameters.password
  }
  /** Parses a header value, or returns null when absent or malformed. */
  static from_header(value: string | null): Authorization | null {
    if (!value) return null
    const sp = value.indexOf(' ')
    const scheme = (sp < 0 ? value : value.slice(0, sp)).toLowerCase()
    const rest = sp < 0 ? '' : value.slice(sp + 1).trim()
    if (scheme === 'basic') {
      try {
        const bytes = Uint8Array.from(atob(rest), (c) => c.charCodeAt(0))
        const text = new TextDecoder().decode(bytes)
        const colon = text.indexOf(':')
        if (colon < 0) return null
        return new Authorization('basic', { username: text.slice(0, colon), password: text.slice(colon + 1) })
      } catch {
        return null
      }
    }
    if (rest.includes('=') && /^\s*[\w-]+\s*=/.test(rest)) {
      const params: Record<string, string> = {}
      for (const m of rest.matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
        params[m[1]!] = m[2] ?? m[3] ?? ''
      return new Authorization(scheme, params)
    }
    return new Authorization(scheme, {}, rest || null)
  }
}
