/** HTML escaping as MarkupSafe does it, honouring `__html__()` (Markup) so safe HTML passes through. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
}

/**
 * Escapes a value for HTML; objects with `__html__()` are trusted; null and undefined print nothing.
 *
 * @example
 * escapeHtml('<b>') // '&lt;b&gt;'
 */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && typeof (value as { __html__?: unknown }).__html__ === 'function') {
    return String((value as { __html__(): unknown }).__html__())
  }
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)
}

/** What unescaped output prints: the value as text, null and undefined as nothing. */
export function rawText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

const AUTOESCAPE_EXTENSIONS = ['.html', '.htm', '.xml', '.xhtml', '.svg']

/**
 * Flask's `select_jinja_autoescape`: escape HTML/XML templates and template strings (no name).
 *
 * @example
 * selectAutoescape('mail.txt') // false
 */
export function selectAutoescape(name: string | null): boolean {
  if (name === null) return true
  const lower = name.toLowerCase()
  return AUTOESCAPE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}
