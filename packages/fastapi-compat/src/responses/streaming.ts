import { FastAPIResponse, type ResponseInit } from './responses.js'

type Chunk = string | Uint8Array
type Source = ReadableStream<Chunk> | AsyncIterable<Chunk> | Iterable<Chunk>

function toStream(source: Source): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]()
      : (source as Iterable<Chunk>)[Symbol.iterator]()
  // highWaterMark 0: nothing is pulled until the body is read, so the generator's first step runs
  // when the server starts sending, not when the response is constructed (Starlette iterates late too).
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next()
        if (done) controller.close()
        else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
      },
      // A client going away cancels the body: the generator is closed, so its `finally` runs.
      async cancel() {
        await iterator.return?.()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * A response streamed from an async iterable, an iterable or a ReadableStream.
 * @example
 * async function* fake() { for (let i = 0; i < 3; i++) yield `part ${i}\n` }
 * return new StreamingResponse(fake(), { media_type: 'text/plain' })
 */
export class StreamingResponse extends FastAPIResponse {
  constructor(content: Source, init?: ResponseInit | number) {
    const body = content instanceof ReadableStream ? content : toStream(content)
    super(body as ReadableStream<Uint8Array>, init)
  }
}

export { FileResponse, type FileResponseInit } from './file-response.js'
