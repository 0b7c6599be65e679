/** The media type of a Content-Type value, lower-cased and without parameters: `application/json`. */
export function mediaTypeOf(contentType: string | undefined | null): string {
  if (!contentType) return ''
  const semi = contentType.indexOf(';')
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase()
}

/** True for `application/json` and structured-syntax JSON types such as `application/problem+json`. */
export function isJsonMediaType(mediaType: string): boolean {
  return (
    mediaType === 'application/json' ||
    (mediaType.startsWith('application/') && mediaType.endsWith('+json') && mediaType.indexOf('/', 12) === -1)
  )
}

/** The `charset` parameter of a Content-Type value, lower-cased, or undefined. */
export function charsetOf(contentType: string | undefined | null): string | undefined {
  if (!contentType) return undefined
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)
  return match?.[1]?.toLowerCase()
}
