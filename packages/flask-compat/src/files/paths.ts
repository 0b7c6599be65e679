/** POSIX path helpers that behave as Python's `posixpath`, without `node:path`. */

/**
 * Collapses `.`, `..` and repeated slashes as `posixpath.normpath` does.
 *
 * @example
 * normpath('a/./b/../c') // 'a/c'
 */
export function normpath(path: string): string {
  if (path === '') return '.'
  const absolute = path.startsWith('/')
  const out: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!absolute) out.push('..')
      continue
    }
    out.push(seg)
  }
  const joined = out.join('/')
  return absolute ? `/${joined}` : joined || '.'
}

/**
 * Joins path parts as `posixpath.join`: an absolute part restarts the path.
 *
 * @example
 * joinPath('/srv', 'static', 'a.css') // '/srv/static/a.css'
 */
export function joinPath(...parts: string[]): string {
  let out = ''
  for (const part of parts) {
    if (part.startsWith('/') || out === '') out = part
    else out = out.endsWith('/') ? out + part : `${out}/${part}`
  }
  return out
}

/**
 * The last component of a path.
 *
 * @example
 * basename('/srv/static/a.css') // 'a.css'
 */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * An absolute, normalised path: `path` resolved against `root`.
 *
 * @example
 * abspath('a/../b.txt', '/srv') // '/srv/b.txt'
 */
export function abspath(path: string, root: string): string {
  return normpath(joinPath(root, path))
}
