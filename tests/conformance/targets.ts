import { serve } from '@bustapi/adapters/node'
import type { App } from '@bustapi/core'
import type { RunningTarget } from './types.js'
import { connectInProcess, connectOverHttp } from './ws-client.js'

/**
 * The app called in process through `app.request`, after its startup hooks.
 * @example
 * const target = await inProcessTarget(createConformanceApp())
 */
export async function inProcessTarget(app: App<any>): Promise<RunningTarget> {
  await app.startup()
  return {
    name: 'in-process',
    overHttp: false,
    fetch: (input, init) => app.request(input, init),
    connect: (path, options) => connectInProcess(app, path, options),
    close: () => app.shutdown(),
  }
}

/**
 * The app served by `@bustapi/adapters/node` on a random loopback port.
 * @example
 * const target = await nodeTarget(createConformanceApp())
 */
export async function nodeTarget(app: App<any>): Promise<RunningTarget> {
  const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
  return httpTarget('node', handle.url, () => handle.close())
}

/**
 * A target for any server reachable over HTTP (other runtimes plug in here). Redirects are not
 * followed, so that it answers as `app.request` does.
 * @example
 * const target = httpTarget('bun', 'http://127.0.0.1:4321', () => stopBun())
 */
export function httpTarget(name: string, baseUrl: string, close: () => Promise<void>): RunningTarget {
  return {
    name,
    overHttp: true,
    fetch: (input, init) => fetch(new URL(input, baseUrl), { redirect: 'manual', ...init }),
    connect: (path, options) => connectOverHttp(baseUrl, path, options),
    close,
  }
}
