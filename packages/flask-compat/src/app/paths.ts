/** Path helpers that need no `node:path`, so the app core runs where there is no file system. */

/** Joins POSIX path pieces; an absolute piece starts over. @example joinPath('/a', 'b') // '/a/b' */
export function joinPath(...parts: string[]): string {
  let out = ''
  for (const part of parts) {
    if (part === '') continue
    if (part.startsWith('/') || out === '') out = part
    else out = `${out.replace(/\/+$/, '')}/${part}`
  }
  return out
}

/** The last segment of a path. @example basename('/a/static') // 'static' */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

function cwd(): string {
  const proc = (globalThis as { process?: { cwd?: () => string } }).process
  try {
    return proc?.cwd?.() ?? '/'
  } catch {
    return '/'
  }
}

/**
 * Where an app or blueprint finds its templates and static files: `root_path` if given, the folder
 * of `import_name` when it is a module URL or a file path (`new Flask(import.meta.url)`), else the
 * current directory.
 *
 * @example rootPathFor('file:///srv/app/main.ts') // '/srv/app'
 */
export function rootPathFor(import_name: string, root_path?: string): string {
  if (root_path !== undefined) return root_path.startsWith('/') ? root_path : joinPath(cwd(), root_path)
  let path: string | undefined
  if (import_name.startsWith('file:')) path = decodeURIComponent(new URL(import_name).pathname)
  else if (import_name.startsWith('/')) path = import_name
  if (path === undefined) return cwd()
  return /\.[cm]?[jt]sx?$/.test(path) ? path.slice(0, path.lastIndexOf('/')) || '/' : path
}

/** A short name for an import name: the module file's base name for URLs and paths. */
export function nameFor(import_name: string): string {
  if (!import_name.startsWith('file:') && !import_name.startsWith('/')) return import_name
  return basename(import_name).replace(/\.[cm]?[jt]sx?$/, '')
}
