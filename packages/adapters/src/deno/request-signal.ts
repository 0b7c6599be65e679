/** Where the response of one served request is, until its signal is read. */
const HANDLING = 0
const SENDING = 1
const DELIVERED = 2

/** Where a served request keeps its phase, then (once its signal is read) its tracker. */
const WATCH = Symbol('bustapi.deno-delivery')

type Watched = Request & { [WATCH]?: number | Tracker }

/** The signal of a request whose signal was read: the app's view of Deno's. */
class Tracker {
  phase: number
  readonly controller = new AbortController()
  constructor(phase: number, nativeSignal: AbortSignal) {
    this.phase = phase
    if (phase !== HANDLING) return
    const follow = () => {
      if (this.phase !== DELIVERED) this.controller.abort(nativeSignal.reason)
    }
    if (nativeSignal.aborted) follow()
    else nativeSignal.addEventListener('abort', follow, { once: true })
  }
}

let native: ((this: Request) => AbortSignal) | undefined

/**
 * Makes `request.signal` of the requests passed to `watchDelivery` behave as on every other
 * runtime. Done once, on the first served request: Request.prototype's getter is replaced by one
 * that answers exactly as before for any request that was not served through `watchDelivery`.
 */
function patchSignalGetter(): void {
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, 'signal')
  if (descriptor?.get === undefined || descriptor.configurable !== true) return
  const get = descriptor.get as (this: Request) => AbortSignal
  native = get
  Object.defineProperty(Request.prototype, 'signal', {
    ...descriptor,
    get(this: Watched) {
      const watched = this[WATCH]
      if (watched === undefined) return get.call(this)
      if (typeof watched !== 'number') return watched.controller.signal
      const tracker = new Tracker(watched, get.call(this))
      this[WATCH] = tracker
      return tracker.controller.signal
    },
  })
}

/**
 * Gives a request served by `Deno.serve` the `signal` of every other runtime: it aborts when the
 * client goes away before the response is complete, never because the response was delivered.
 * `Deno.serve` (until its legacy behaviour is switched off with `--unstable-no-legacy-abort`) also
 * aborts it after every successful response, which would cancel after-response work and read as a
 * disconnect. Costs one property write per request; a request whose signal is read while its
 * handler runs has its response body watched to the end (the last chunk read counts as delivered).
 * A signal first read after the handler returned never aborts.
 *
 * @example
 * watchDelivery(request)
 * return delivered(request, await app.fetch(request, info))
 */
export function watchDelivery(request: Request): void {
  if (native === undefined) patchSignalGetter()
  ;(request as Watched)[WATCH] = HANDLING
}

/** The response to hand Deno, its body watched when the app reads the signal. */
export function delivered(request: Request, response: Response): Response {
  const watched = (request as Watched)[WATCH]
  if (typeof watched !== 'object' || watched.phase !== HANDLING) {
    ;(request as Watched)[WATCH] = DELIVERED
    return response
  }
  // A 101 carries the WebSocket Deno set up; a body-less answer is complete once returned.
  if (response.body === null || response.status === 101) {
    watched.phase = DELIVERED
    return response
  }
  watched.phase = SENDING
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      flush: () => {
        watched.phase = DELIVERED
      },
    }),
  )
  return new Response(body, response)
}

/** The handler failed and Deno answers it itself: nothing more to watch. */
export function failed(request: Request): void {
  const watched = (request as Watched)[WATCH]
  if (typeof watched === 'object') watched.phase = DELIVERED
  else (request as Watched)[WATCH] = DELIVERED
}
