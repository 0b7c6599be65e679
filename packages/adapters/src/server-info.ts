/** What every adapter's `serve()` returns: where the server listens and how to stop it. */
export interface ServerInfo {
  readonly port: number
  readonly hostname: string
  /** `http://host:port`, ready to request. */
  readonly url: string
  /** Shuts down gracefully (idempotent); resolves once the app's shutdown hooks have run. */
  close(): Promise<void>
  /** Settles when the server has stopped, however that began. */
  readonly closed: Promise<void>
}

/** An application any adapter serves: a fetch handler, optionally with lifecycle hooks. */
export interface ServableApp {
  fetch(request: Request, env?: any, ctx?: any): Response | Promise<Response>
  startup?(): void | Promise<void>
  shutdown?(): void | Promise<void>
}
