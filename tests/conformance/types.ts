/** How a conformance case reaches the app: a fetch relative to the server's base URL. */
export interface Target {
  /** Which runtime serves the app, e.g. `in-process`, `node`, `bun`. */
  readonly name: string
  /** True when requests cross a real socket (the case may then test transport behaviour). */
  readonly overHttp: boolean
  fetch(input: string, init?: RequestInit): Promise<Response>
  /**
   * Opens a WebSocket to `path`. Rejects with `WsRefused` (carrying the HTTP status) when the server
   * refuses the handshake.
   */
  connect(path: string, options?: { protocols?: string[] }): Promise<WsClient>
}

/** The client end of a WebSocket, the same on every target. */
export interface WsClient {
  /** The subprotocol the server chose, or ''. */
  readonly protocol: string
  send(data: string | Uint8Array): void
  /** The next message; rejects once the server has closed. */
  receive(): Promise<string | Uint8Array>
  close(code?: number, reason?: string): void
  /** Settles with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>
}

/** A refused WebSocket handshake, with the status the server answered. */
export class WsRefused extends Error {
  constructor(readonly status: number) {
    super(`WebSocket handshake refused with ${status}`)
  }
}

/** A target plus how to stop what serves it. */
export interface RunningTarget extends Target {
  close(): Promise<void>
}

/** One behaviour, written once, run against every target. */
export interface ConformanceCase {
  name: string
  run(target: Target): Promise<void>
  /** Why this case cannot run on `target`, or undefined when it can. A skip always has a reason. */
  skip?(target: Target): string | undefined
  timeoutMs?: number
}

/** A named group of cases (one file of `cases/`). */
export interface CaseGroup {
  name: string
  cases: readonly ConformanceCase[]
}

/**
 * Declares a group of cases.
 * @example
 * export const routing = defineCases('routing', [{ name: 'a route answers', run: async (t) => {} }])
 */
export function defineCases(name: string, cases: readonly ConformanceCase[]): CaseGroup {
  return { name, cases }
}
