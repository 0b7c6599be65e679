/** werkzeug's `safe_join` for URL paths: join untrusted parts below a trusted directory or refuse. */
import { joinPath, normpath } from './paths.js'

/**
 * Joins untrusted (already URL-decoded) path parts below `directory`, or returns null when a
 * part is absolute, climbs out with `..`, contains a backslash (refused on every OS so a path means
 * the same on Windows and POSIX), a NUL byte, or a Windows drive prefix.
 *
 * @example
 * safe_join('/srv/static', 'css/site.css') // '/srv/static/css/site.css'
 * safe_join('/srv/static', '../secret')     // null
 */
export function safe_join(directory: string, ...untrusted: string[]): string | null {
  const parts = [directory || '.']
  for (const raw of untrusted) {
    if (raw.includes('\0') || raw.includes('\\') || /^[a-zA-Z]:/.test(raw)) return null
    const part = raw === '' ? '' : normpath(raw)
    if (part.startsWith('/') || part === '..' || part.startsWith('../')) return null
    parts.push(part)
  }
  return joinPath(...parts)
}
