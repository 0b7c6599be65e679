import { iterableToStream } from './streaming.js'

/** One Server-Sent Event; a plain string is sent as `data`. */
export interface ServerSentEvent {
  data?: unknown
  event?: string
  id?: string | number
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number
  /** A comment line (`: text`), ignored by clients; useful as a heartbeat. */
  comment?: string
}

/** Formats one event in the text/event-stream wire format. Objects in `data` are sent as JSON. */
export function formatEvent(message: ServerSentEvent | string): string {
  const event: ServerSentEvent = typeof message === 'string' ? { data: message } : message
  let out = ''
  if (event.comment !== undefined) for (const line of event.comment.split(/\r\n|\r|\n/)) out += `: ${line}\n`
  // Field values must not contain line breaks: a stray newline would let data inject fields.
  if (event.event !== undefined) out += `event: ${event.event.replace(/[\r\n]/g, '')}\n`
  if (event.id !== undefined) out += `id: ${String(event.id).replace(/[\r\n\0]/g, '')}\n`
  if (event.retry !== undefined) out += `retry: ${Math.max(0, Math.trunc(event.retry))}\n`
  if (event.data !== undefined) {
    const text = typeof event.data === 'string' ? event.data : JSON.stringify(event.data)
    for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  }
  return `${out}\n`
}

export interface EventStreamOptions {
  /** Sends a `: keep-alive` comment when nothing was sent for this long; 0 disables. Default 15 s. */
  keepAliveMs?: number
  /** Stops the producer when aborted (pass `request.signal` to stop when the client leaves). */
  signal?: AbortSignal
  headers?: HeadersInit
  status?: number
}

/**
 * A `text/event-stream` response from an (async) iterable of events. The producer is pulled one
 * event at a time, stops when the client disconnects, and its `finally` blocks run.
 *
 * @example
 * app.get('/ticks', (c) => eventStream(ticks(), { signal: c.req.raw.signal }))
 */
export function eventStream(
  events: Iterable<ServerSentEvent | string> | AsyncIterable<ServerSentEvent | string>,
  options: EventStreamOptions = {},
): Response {
  const keepAliveMs = options.keepAliveMs ?? 15_000
  const source = keepAliveMs > 0 ? withKeepAlive(events, keepAliveMs) : mapEvents(events)
  const headers = new Headers(options.headers)
  headers.set('content-type', 'text/event-stream; charset=utf-8')
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache')
  headers.set('x-accel-buffering', 'no')
  return new Response(iterableToStream(source, { signal: options.signal }), {
    status: options.status ?? 200,
    headers,
  })
}

async function* mapEvents(
  events: Iterable<ServerSentEvent | string> | AsyncIterable<ServerSentEvent | string>,
): AsyncGenerator<string> {
  for await (const event of events) yield formatEvent(event)
}

/** Interleaves heartbeat comments with the events, without ever reading two events at once. */
async function* withKeepAlive(
  events: Iterable<ServerSentEvent | string> | AsyncIterable<ServerSentEvent | string>,
  keepAliveMs: number,
): AsyncGenerator<string> {
  const iterator = mapEvents(events)
  let pending: Promise<IteratorResult<string>> | undefined
  try {
    while (true) {
      pending ??= iterator.next()
      let timer: ReturnType<typeof setTimeout> | undefined
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), keepAliveMs)
      })
      const result = await Promise.race([pending, tick])
      clearTimeout(timer)
      if (result === 'tick') {
        yield ': keep-alive\n\n'
        continue
      }
      pending = undefined
      if (result.done) return
      yield result.value
    }
  } finally {
    iterator.return(undefined).catch(() => {})
  }
}
