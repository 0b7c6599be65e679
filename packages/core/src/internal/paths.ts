/**
 * Joins a mount prefix and a pattern as Hono's `route()` does: `('/api', '/users')` is
 * `/api/users`, `('/api', '/')` is `/api`, `('', '*')` stays `*`, `('/api', '*')` is `/api/*`.
 */
export function joinPaths(prefix: string, path: string): string {
  const base = prefix === '/' ? '' : prefix.replace(/\/+$/, '')
  if (base === '') return path === '' ? '/' : path
  if (path === '*' || path === '/*') return `${base}/*`
  if (path === '' || path === '/') return base
  return path.startsWith('/') ? `${base}${path}` : `${base}/${path}`
}
