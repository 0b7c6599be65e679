import type { IncomingMessage, ServerResponse } from 'node:http'
import { BODY_SOURCE, type BodySource, FILE_SOURCE, type FileSource } from '@bustapi/core'
import { getRequestListener } from '@hono/node-server'
import { readIncoming } from './body-source.js'
import { nodeFileSource } from './file-source.js'

/** Anything with a Web fetch handler: core's `App`, a Hono app, a compat-layer app. */
export interface FetchApp {
  fetch(request: Request, env?: any, ctx?: any): Response | Promise<Response>
  startup?(): void | Promise<void>
  shutdown?(): void | Promise<void>
}

/** A Node request listener, as `http.createServer` takes. */
export type NodeRequestListener = (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void>

/**
 * The `env` every request sees on Node: `@hono/node-server`'s bindings plus the fast body source
 * and the file source for `serveStatic`. The sources are getters on the prototype, so requests that never read a body allocate nothing.
 */
export class NodeBindings {
  #body: Promise<Uint8Array | undefined> | undefined
  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
  ) {}

  get [BODY_SOURCE](): BodySource {
    // Cached, so a second read answers from the first instead of finding the stream consumed.
    return (limit) => (this.#body ??= readIncoming(this.incoming, this.outgoing, limit))
  }

  /** What `serveStatic` reads files through. */
  get [FILE_SOURCE](): FileSource {
    return nodeFileSource
  }
}

/** What `@hono/node-server` calls per request. */
type FetchCallback = Parameters<typeof getRequestListener>[0]

/**
 * The fetch callback handed to `@hono/node-server`: calls the app with `NodeBindings` as `env`.
 *
 * @example
 * createAdaptorServer({ fetch: toFetchCallback(app) })
 */
export function toFetchCallback(app: FetchApp, onRequest?: (bindings: NodeBindings) => void): FetchCallback {
  return (request, env) => {
    const bindings = new NodeBindings(env.incoming as IncomingMessage, env.outgoing as ServerResponse)
    onRequest?.(bindings)
    return app.fetch(request, bindings)
  }
}

/**
 * Turns an app into a Node request listener whose requests carry `NodeBindings` as `env`.
 *
 * @example
 * import { createServer } from 'node:http'
 * createServer(createNodeHandler(app)).listen(8000, '127.0.0.1')
 */
export function createNodeHandler(app: FetchApp, options: { hostname?: string } = {}): NodeRequestListener {
  const listenerOptions = options.hostname === undefined ? {} : { hostname: options.hostname }
  return getRequestListener(toFetchCallback(app), listenerOptions) as NodeRequestListener
}
