import type { IncomingMessage, ServerResponse } from 'node:http'
import { HTTPException } from '@bustapi/core'

/**
 * Reads a request body straight from Node's IncomingMessage, which skips the Web stream's per-chunk
 * promise and copy. Resolves `undefined` when the stream was already touched (someone read it
 * through `request.body`): core then falls back to the Web stream.
 *
 * Over the limit it stops collecting and rejects with a 413. It neither pauses nor destroys the
 * socket: the response is marked `Connection: close`, so Node closes the connection once the 413 is
 * written, and what the client still sends is discarded instead of parsed as a next request.
 *
 * @example
 * const bytes = await readIncoming(incoming, outgoing, 1024 * 1024)
 */
export function readIncoming(
  incoming: IncomingMessage,
  outgoing: ServerResponse | undefined,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (incoming.readableDidRead || incoming.readableFlowing !== null || incoming.destroyed) {
    return Promise.resolve(undefined)
  }
  const declared = incoming.headers['content-length']
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(limit, outgoing))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const cleanup = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onAbort)
      incoming.off('close', onAbort)
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > limit) {
        cleanup()
        // Keep the stream flowing with no listener: the rest of the upload is dropped, not buffered.
        incoming.resume()
        reject(tooLarge(limit, outgoing))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      // A single chunk is returned as is; Buffer is a Uint8Array, so no copy is needed.
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received))
    }
    const onAbort = () => {
      cleanup()
      reject(new HTTPException(400, 'The request body was not fully received.'))
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onAbort)
    incoming.on('close', onAbort)
  })
}

function tooLarge(limit: number, outgoing: ServerResponse | undefined): HTTPException {
  // Node sends `Connection: close` and closes the socket after this response.
  if (outgoing !== undefined && !outgoing.headersSent) outgoing.shouldKeepAlive = false
  return new HTTPException(413, `Request body is larger than the limit of ${limit} bytes.`)
}
