import type { FetchHandler } from './types.js'

/**
 * Base of Flask-style middleware: an instance is itself a fetch handler (Python's `__call__`),
 * so `app.wsgi_app = new ProxyFix(app.wsgi_app)` and `await mw(request)` both work.
 * Subclasses implement `__call__`.
 *
 * @example
 * class Timing extends WsgiMiddleware {
 *   constructor(readonly app: FetchHandler) { super() }
 *   async __call__(request: Request) { return this.app(request) }
 * }
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor returns a callable, so the merged call signature is real
export abstract class WsgiMiddleware {
  constructor() {
    // Returning a function from the constructor makes the instance callable; its prototype is
    // the subclass's, so fields and methods set after super() land on the function itself.
    const self = ((request: Request, env?: unknown, ctx?: unknown) =>
      self.__call__(request, env, ctx)) as unknown as this
    Object.setPrototypeOf(self, new.target.prototype)
    // biome-ignore lint/correctness/noConstructorReturn: the callable instance is the point
    return self
  }

  /** Handles one request; the instance forwards its calls here. */
  abstract __call__(request: Request, env?: unknown, ctx?: unknown): Promise<Response>
}

/** Instances are callable fetch handlers. */
export interface WsgiMiddleware extends CallableHandler {}

/** The call signature, in interface form so the class can merge it. */
type CallableHandler = (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>

export type { FetchHandler }
