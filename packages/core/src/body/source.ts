/**
 * How an adapter hands core a faster way to read the raw request body than the Web stream (Node's
 * adapter reads the IncomingMessage directly). The adapter puts a reader on the env object it
 * passes to `app.fetch` under this key; core's body readers use it when present.
 *
 * @example
 * app.fetch(request, { ...bindings, [BODY_SOURCE]: (limit) => readIncoming(incoming, limit) })
 */
export const BODY_SOURCE: unique symbol = Symbol.for('bustapi.body-source')

/**
 * Reads the whole raw body, failing with a 413 `BodyError` as soon as more than `limit` bytes have
 * arrived (the rest is never read). Resolves to `undefined` when it cannot serve this request
 * (for example, the body was already consumed through the Web stream): core then reads the stream.
 */
export type BodySource = (limit: number) => Promise<Uint8Array | undefined>
