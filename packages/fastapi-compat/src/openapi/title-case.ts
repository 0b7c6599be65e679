/**
 * Python's `str.title()` on a name with underscores as spaces, as pydantic and FastAPI make
 * titles and summaries: `item_id` → `Item Id`, `x-token` → `X-Token`.
 *
 * @example
 * titleCase('read_items') // 'Read Items'
 */
export function titleCase(name: string): string {
  let out = ''
  let previousCased = false
  for (const ch of name.replaceAll('_', ' ')) {
    const lower = ch.toLowerCase()
    const upper = ch.toUpperCase()
    const cased = lower !== upper
    out += cased ? (previousCased ? lower : upper) : ch
    previousCased = cased
  }
  return out
}
