/** Mimetype guessing from a file name, with the types Python's `mimetypes` gives for common files. */

const TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  xml: 'application/xml',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  tar: 'application/x-tar',
  tgz: 'application/x-tar',
  svgz: 'image/svg+xml',
  ics: 'text/calendar',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  webmanifest: 'application/manifest+json',
  bin: 'application/octet-stream',
  wasm: 'application/wasm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  webp: 'image/webp',
  avif: 'image/avif',
  mp3: 'audio/mpeg',
  wav: 'audio/x-wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
}

const CHARSET_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/sql',
  'application/xml',
])

// Python's mimetypes treats these suffixes as encodings of the file before them
const ENCODINGS: Record<string, string> = { gz: 'gzip', bz2: 'bzip2', xz: 'xz', br: 'br', z: 'compress' }
const IMPLIED: Record<string, string> = { tgz: 'gzip', svgz: 'gzip' }

const extension = (name: string): string => {
  const dot = name.lastIndexOf('.')
  return dot < 0 || dot < name.lastIndexOf('/') ? '' : name.slice(dot + 1).toLowerCase()
}

/**
 * The mimetype and content encoding for a file name, as Python's `mimetypes.guess_type`
 * answers them: `a.tar.gz` is `application/x-tar` encoded with `gzip`.
 *
 * @example
 * guessType('dump.tar.gz') // { mimetype: 'application/x-tar', encoding: 'gzip' }
 */
export function guessType(name: string): { mimetype: string | undefined; encoding: string | undefined } {
  let ext = extension(name)
  let encoding = IMPLIED[ext]
  const wrapped = ENCODINGS[ext]
  if (wrapped !== undefined) {
    encoding = wrapped
    const inner = name.slice(0, name.length - ext.length - 1)
    ext = extension(inner)
  }
  return { mimetype: TYPES[ext], encoding }
}

/**
 * The mimetype for a file name, `application/octet-stream` when unknown.
 *
 * @example
 * guessMimetype('logo.png') // 'image/png'
 */
export function guessMimetype(name: string): string {
  return guessType(name).mimetype ?? 'application/octet-stream'
}

/**
 * The `Content-Type` werkzeug writes: text and XML-ish types get `; charset=utf-8`.
 *
 * @example
 * contentType('text/css') // 'text/css; charset=utf-8'
 */
export function contentType(mimetype: string): string {
  if (mimetype.includes(';')) return mimetype
  const charset = mimetype.startsWith('text/') || CHARSET_TYPES.has(mimetype) || mimetype.endsWith('+xml')
  return charset ? `${mimetype}; charset=utf-8` : mimetype
}
