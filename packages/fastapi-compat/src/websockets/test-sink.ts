import type { Context } from 'hono'

/**
 * What the TestClient learns about one WebSocket connection beyond the handshake's response:
 * that a WebSocket route took it, the close code of a refusal (a refused handshake is a 403 on the
 * wire, which carries no code), and how the endpoint ended. Passed on `env`, so real clients
 * never see it.
 */
export interface TestSink {
  matched(): void
  refused(code: number, reason: string): void
  finished(error: unknown): void
}

/** Where the TestClient puts its sink on the `env` it passes to `app.fetch`. */
export const TEST_SINK: unique symbol = Symbol.for('bustapi.fastapi.websocket-test-sink')

/** The test sink of this connection, when the TestClient opened it. */
export function sinkOf(c: Context): TestSink | undefined {
  const env = c.env as { [TEST_SINK]?: TestSink } | undefined
  return env !== null && typeof env === 'object' ? env[TEST_SINK] : undefined
}
