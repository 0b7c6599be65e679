import { Markup } from '../sessions/tagged-json.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

/**
 * Escapes text for HTML exactly as markupsafe's `escape` does (`"` → `&#34;`, `'` → `&#39;`).
 *
 * @example
 * escapeText('<a href="x">') // '&lt;a href=&#34;x&#34;&gt;'
 */
export function escapeText(value: unknown): string {
  if (hasHtml(value)) return String(value.__html__())
  const text = String(value ?? '')
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!) : text
}

function hasHtml(value: unknown): value is { __html__(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { __html__?: unknown }).__html__ === 'function'
  )
}

/**
 * markupsafe's `escape`: a `Markup` holding the escaped text; values that are already safe
 * (`Markup`, anything with `__html__()`) pass through unchanged. Use it in strings as text.
 *
 * @example
 * `<p>Hello ${escape(name)}</p>`
 * String(escape(new Markup('<b>ok</b>'))) // '<b>ok</b>'
 */
export function escape_(value: unknown): Markup {
  // a plain Markup is returned as it is; a subclass or other safe object gives its __html__()
  if (value instanceof Markup && Object.getPrototypeOf(value) === Markup.prototype) return value
  return new Markup(escapeText(value))
}
