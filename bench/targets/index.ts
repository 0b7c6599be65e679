import type { Target } from './types.js'

/** Every target by name, loaded on demand (a server child loads only its own). */
export const targetLoaders: Record<string, () => Promise<Target>> = {
  hono: async () => (await import('./hono.js')).target,
  core: async () => (await import('./core.js')).target,
  fastify: async () => (await import('./fastify.js')).target,
  'hono-flask': async () => (await import('./hono-flask.js')).target,
  flask: async () => (await import('./flask.js')).target,
  'hono-fastapi': async () => (await import('./hono-fastapi.js')).target,
  fastapi: async () => (await import('./fastapi.js')).target,
}

export async function loadTarget(name: string): Promise<Target> {
  const load = targetLoaders[name]
  if (load === undefined) throw new Error(`Unknown bench target '${name}'`)
  return load()
}
