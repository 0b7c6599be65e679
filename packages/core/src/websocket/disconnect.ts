/**
 * Raised by a receive or send once the peer has gone: the close code and reason it sent (1005 when
 * it sent none, 1006 when the connection dropped without a close frame, 1009 for a message over
 * the size limit).
 *
 * @example
 * try {
 *   for (;;) await ws.sendText(await ws.receiveText())
 * } catch (error) {
 *   if (!(error instanceof WebSocketDisconnect)) throw error
 *   console.log('client left with', error.code)
 * }
 */
export class WebSocketDisconnect extends Error {
  override readonly name = 'WebSocketDisconnect'
  constructor(
    readonly code = 1000,
    readonly reason = '',
  ) {
    super(`WebSocket disconnected with code ${code}${reason ? `: ${reason}` : ''}`)
  }
}
