/**
 * Splits a comma-separated header into items as werkzeug's `parse_list_header`: whitespace
 * trimmed, quoted items unquoted (commas inside quotes kept), empty items dropped.
 *
 * @example
 * parseListHeader('a, "b, c", d') // ['a', 'b, c', 'd']
 */
export function parseListHeader(value: string): string[] {
  const items: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + (value[++i] as string)
    } else if (ch === '"') {
      quoted = !quoted
      current += ch
    } else if (ch === ',' && !quoted) {
      items.push(current)
      current = ''
    } else current += ch
  }
  items.push(current)
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => (item.length >= 2 && item.startsWith('"') && item.endsWith('"') ? unquote(item) : item))
}

const unquote = (item: string): string => item.slice(1, -1).replace(/\\(.)/g, '$1')
