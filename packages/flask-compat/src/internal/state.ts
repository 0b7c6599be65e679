import { type RequestContext, tryGetContext } from '@bustapi/core'
import type { Flask } from '../app/flask.js'
import type { AppGlobals } from '../ctx.js'
import type { FlashCache } from '../flashing.js'
import type { Session } from '../sessions/index.js'
import type { Request } from '../wrappers/request.js'
import type { Response } from '../wrappers/response.js'

/** Everything one Flask request carries; lives in core's request context under `FLASK_STATE`. */
export interface FlaskState {
  readonly app: Flask
  readonly request: Request | null
  readonly g: AppGlobals
  /** The open session; created on first use when opening it needed no I/O. */
  session: Session | undefined
  /** Builds the session on first access (set when it was not opened up front). */
  lazySession: (() => Session) | undefined
  afterThisRequest: ReadonlyArray<(response: Response) => Response | Promise<Response>>
  /** Messages `get_flashed_messages` popped in this request. */
  readonly flashes: FlashCache
  /** Core's request context holding this state, to re-enter around user code. */
  readonly store: RequestContext
}

export const FLASK_STATE: unique symbol = Symbol.for('bustapi.flask.state')

/** The Flask state of the current request, if any. */
export function tryFlaskState(): FlaskState | undefined {
  return tryGetContext()?.state[FLASK_STATE] as FlaskState | undefined
}

/** Puts a Flask state into an existing core context. */
export function attachState(ctx: RequestContext, state: FlaskState): void {
  ctx.state[FLASK_STATE] = state
}
