import {
  type EventStreamOptions,
  eventStream,
  type RequestContext,
  runSyncWithContext,
  runWithContext,
  type ServerSentEvent,
} from '@bustapi/core'
import { tryFlaskState } from './internal/state.js'
import { Response } from './wrappers/response.js'

type Events = Iterable<ServerSentEvent | string> | AsyncIterable<ServerSentEvent | string>

/** Steps through `events` inside the request's context, so the generator can read `request`/`g`. */
async function* inContext(events: Events, store: RequestContext): AsyncGenerator<ServerSentEvent | string> {
  const async = Symbol.asyncIterator in events
  const it = async
    ? (events as AsyncIterable<ServerSentEvent | string>)[Symbol.asyncIterator]()
    : (events as Iterable<ServerSentEvent | string>)[Symbol.iterator]()
  const run = async ? runWithContext : runSyncWithContext
  try {
    for (;;) {
      const step = await run(store, () => it.next())
      if (step.done) return
      yield step.value
    }
  } finally {
    await it.return?.()
  }
}

/**
 * A Server-Sent Events response from an (async) generator of events (`{ data, event, id, retry,
 * comment }` or plain strings), on core's event stream: one event is produced at a time, a
 * `: keep-alive` comment goes out after 15 s of silence, and the generator stops (its `finally`
 * runs) when the client leaves. It runs inside the request context, as `stream_with_context` does.
 *
 * @example
 * app.get('/ticks', () => event_stream((async function* () {
 *   for (let i = 0; ; i++) { yield { event: 'tick', id: i, data: { i } }; await sleep(1000) }
 * })()))
 */
export function event_stream(events: Events, options: EventStreamOptions = {}): Response {
  const state = tryFlaskState()
  const signal = options.signal ?? state?.request?.raw.signal
  const source = state === undefined ? events : inContext(events, state.store)
  return Response.fromWeb(eventStream(source, signal === undefined ? options : { ...options, signal }))
}
