// Windows drive letters ("C:") would make a joined path absolute there.
const DRIVE = /^[A-Za-z]:/

/**
 * The file path a request path names below `prefix`, as `/`-joined decoded segments, or undefined
 * when it must not be served: outside the prefix, undecodable, or with a segment that could leave
 * the root or name something else than intended (`..`, `.`, empty, encoded `/` or `\`, NUL, a
 * drive letter) or, unless `dotfiles`, a hidden name. A trailing slash is kept (a directory).
 *
 * @example
 * safeRelativePath('/static/css/site.css', '/static') // 'css/site.css'
 * safeRelativePath('/static/..%2Fsecret', '/static')   // undefined
 */
export function safeRelativePath(rawPath: string, prefix: string, dotfiles = false): string | undefined {
  let rest = rawPath
  if (prefix !== '') {
    if (!rawPath.startsWith(prefix)) return undefined
    rest = rawPath.slice(prefix.length)
    if (rest !== '' && rest[0] !== '/') return undefined
  }
  if (rest.startsWith('/')) rest = rest.slice(1)
  if (rest === '') return ''
  const segments = rest.split('/')
  const last = segments.length - 1
  const out: string[] = []
  for (let i = 0; i <= last; i++) {
    const raw = segments[i] as string
    if (raw === '') {
      // Only a trailing slash may leave an empty segment; `//` could start an absolute path.
      if (i === last) break
      return undefined
    }
    let segment: string
    try {
      segment = raw.includes('%') ? decodeURIComponent(raw) : raw
    } catch {
      return undefined
    }
    if (
      segment === '.' ||
      segment === '..' ||
      segment.includes('/') ||
      segment.includes('\\') ||
      segment.includes('\0') ||
      DRIVE.test(segment) ||
      (!dotfiles && segment[0] === '.')
    )
      return undefined
    out.push(segment)
  }
  const path = out.join('/')
  return segments[last] === '' ? `${path}/` : path
}

/**
 * The root joined with a checked relative path (`/`-separated on every runtime).
 *
 * @example
 * joinRoot('public/', 'a.txt') // 'public/a.txt'
 */
export function joinRoot(root: string, relative: string): string {
  if (root === '') return relative
  return root.endsWith('/') ? root + relative : `${root}/${relative}`
}
