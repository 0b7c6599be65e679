const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

/**
 * Escapes text for HTML exactly as markupsafe's `escape` does (`"` → `&#34;`, `'` → `&#39;`).
 *
 * @example
 * escapeText('<a href="x">') // '&lt;a href=&#34;x&#34;&gt;'
 */
export function escapeText(value: unknown): string {
  const text = String(value ?? '')
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!) : text
}
