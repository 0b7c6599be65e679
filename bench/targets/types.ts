/** A running HTTP server of one target, as the load generator sees it. */
export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * One framework configuration serving the three endpoints. `baseline` names the raw target it is
 * compared with (a raw Hono handler doing the same work by hand).
 */
export interface Target {
  readonly name: string
  readonly label: string
  readonly baseline?: string
  /** In-process entry point; absent for servers that have no Web fetch handler (Fastify). */
  readonly fetch?: (request: Request) => Response | Promise<Response>
  serve(): Promise<RunningServer>
}
