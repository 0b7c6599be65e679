import { type EventStreamOptions, eventStream, type ServerSentEvent } from '@bustapi/core'
import { FastAPIResponse, type ResponseInit } from './responses.js'

/** One Server-Sent Event with sse-starlette's names, or a string sent as its data. */
export type ServerSentEventInit = ServerSentEvent | string

/**
 * A Server-Sent Events response (`text/event-stream`, as sse-starlette's `EventSourceResponse`),
 * built on core's `eventStream`: objects in `data` are sent as JSON, a comment heartbeat keeps the
 * connection open (`ping` seconds, 15 by default; 0 for none), and the stream stops when the
 * client goes away.
 *
 * @example
 * async function* ticks() { for (let i = 0; i < 3; i++) yield { event: 'tick', data: { i } } }
 * app.get('/events', function events() { return new EventSourceResponse(ticks()) })
 */
export class EventSourceResponse extends FastAPIResponse {
  static override readonly media_type: string = 'text/event-stream'
  constructor(
    content: Iterable<ServerSentEventInit> | AsyncIterable<ServerSentEventInit>,
    init: ResponseInit & { ping?: number; signal?: AbortSignal } = {},
  ) {
    const options: EventStreamOptions = { keepAliveMs: (init.ping ?? 15) * 1000 }
    if (init.headers) options.headers = init.headers
    if (init.signal) options.signal = init.signal
    const stream = eventStream(content, options)
    super(stream.body, { ...init, headers: stream.headers })
  }
}
