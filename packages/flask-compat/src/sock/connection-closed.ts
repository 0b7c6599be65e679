/**
 * simple-websocket's `ConnectionClosed` (what flask-sock raises): the connection ended, with the
 * close code as `reason` (1005 when the peer sent none) and the close text as `message`.
 *
 * @example
 * try {
 *   while (true) ws.send(await ws.receive())
 * } catch (error) {
 *   if (error instanceof ConnectionClosed) console.log('left with', error.reason)
 * }
 */
export class ConnectionClosed extends Error {
  override readonly name = 'ConnectionClosed'
  constructor(
    readonly reason = 1005,
    message: string | null = null,
  ) {
    super(message ?? '')
  }
}
