/** Entity tags as werkzeug parses them: strong and weak sets, `*`, and its comparisons. */

/** A parsed `If-Match` / `If-None-Match` list. */
export interface ETags {
  star: boolean
  strong: Set<string>
  weak: Set<string>
}

const ETAG = /([Ww]\/)?(?:"(.*?)"|(.*?))(?:\s*,\s*|$)/y

/**
 * Parses an entity-tag list; an empty or absent header gives an empty set.
 *
 * @example
 * parseEtags('"a", W/"b"') // { star: false, strong: Set{'a'}, weak: Set{'b'} }
 */
export function parseEtags(value: string | null | undefined): ETags {
  const tags: ETags = { star: false, strong: new Set(), weak: new Set() }
  if (!value) return tags
  let pos = 0
  while (pos < value.length) {
    ETAG.lastIndex = pos
    const m = ETAG.exec(value)
    if (m === null || m[0] === '') break
    const raw = m[2] ?? m[3] ?? ''
    if (m[2] === undefined && raw === '*') return { star: true, strong: new Set(), weak: new Set() }
    ;(m[1] ? tags.weak : tags.strong).add(raw)
    pos = ETAG.lastIndex
  }
  return tags
}

/** True when the list has any tag (werkzeug's `bool(ETags)`). */
export const hasEtags = (tags: ETags): boolean => tags.star || tags.strong.size > 0 || tags.weak.size > 0

/** Strong comparison; `*` matches anything. */
export const containsStrong = (tags: ETags, etag: string): boolean => tags.star || tags.strong.has(etag)

/** Weak comparison (If-None-Match): weak or strong tags match. */
export const containsWeak = (tags: ETags, etag: string): boolean =>
  tags.weak.has(etag) || containsStrong(tags, etag)

/**
 * The bare tag of a header value, without `W/` and quotes.
 *
 * @example
 * unquoteEtag('W/"abc"') // 'abc'
 */
export function unquoteEtag(value: string): string {
  let tag = value.trim()
  if (tag.startsWith('W/') || tag.startsWith('w/')) tag = tag.slice(2)
  if (tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"')) tag = tag.slice(1, -1)
  return tag
}

/**
 * Quotes a tag for the `ETag` header unless it already is quoted.
 *
 * @example
 * quoteEtag('abc') // '"abc"'
 */
export function quoteEtag(tag: string): string {
  return tag.startsWith('"') || tag.startsWith('W/"') ? tag : `"${tag}"`
}
