const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/g

/**
 * Converts FastAPI's path syntax to a Hono pattern and lists its parameter names.
 *
 * @example
 * toHonoPath('/files/{file_path:path}') // { pattern: '/files/:file_path{.+}', names: ['file_path'] }
 */
export function toHonoPath(path: string): { pattern: string; names: string[] } {
  const names: string[] = []
  const pattern = path.replace(PARAM, (_, name: string, convertor: string | undefined) => {
    names.push(name)
    switch (convertor) {
      case undefined:
      case 'str':
        return `:${name}`
      case 'path':
        return `:${name}{.+}`
      case 'int':
        return `:${name}{[0-9]+}`
      case 'float':
        return `:${name}{[0-9]+(?:\\.[0-9]+)?}`
      case 'uuid':
        return `:${name}{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}`
      default:
        throw new Error(
          `Unknown path convertor "${convertor}" in ${path}; use str, path, int, float or uuid.`,
        )
    }
  })
  return { pattern, names }
}

/** Joins a router prefix and a route path as FastAPI does (`'/items' + '/'` is `/items/`). */
export function joinPath(prefix: string, path: string): string {
  if (prefix !== '' && (!prefix.startsWith('/') || prefix.endsWith('/'))) {
    throw new Error(`A path prefix must start with '/' and not end with '/': got "${prefix}".`)
  }
  return `${prefix}${path}`
}
