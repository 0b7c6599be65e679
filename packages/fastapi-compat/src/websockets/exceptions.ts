import type { ErrorItem } from '../validation/error-types.js'

/**
 * Starlette's `WebSocketException`: raised in a WebSocket endpoint or one of its dependencies, it
 * closes the connection with `code` and `reason` (before `accept()`, the handshake is refused).
 *
 * @example
 * if (!token) throw new WebSocketException(status.WS_1008_POLICY_VIOLATION)
 */
export class WebSocketException extends Error {
  override readonly name = 'WebSocketException'
  constructor(
    readonly code: number,
    readonly reason: string = '',
  ) {
    super(`${code}${reason ? `: ${reason}` : ''}`)
  }
}

/**
 * A WebSocket endpoint's parameters did not validate. FastAPI closes the connection with 1008
 * (policy violation), the validation errors as the reason, unless the app installs a handler.
 *
 * @example
 * app.exception_handler(WebSocketRequestValidationError, async (websocket, exc) => websocket.close({ code: 4000 }))
 */
export class WebSocketRequestValidationError extends Error {
  override readonly name = 'WebSocketRequestValidationError'
  readonly #errors: ErrorItem[]
  constructor(errors: ErrorItem[]) {
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'}`)
    this.#errors = errors
  }
  /** The error items, as FastAPI's `exc.errors()`. */
  errors(): ErrorItem[] {
    return this.#errors
  }
}
