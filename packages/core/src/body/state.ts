import type { Context } from 'hono'
import type { ParsedForm } from './uploaded-file.js'

/** What the readers have already learnt about one request's body. */
export interface BodyState {
  bytes?: Promise<Uint8Array>
  /** The raw chunks a streamed multipart read went through, joined only if someone asks. */
  raw?: readonly Uint8Array[]
  text?: Promise<string>
  json?: Promise<unknown>
  form?: Promise<ParsedForm>
}

// Keyed by the raw Request, so every reader (and every mounted app's context) sees one cache, and
// the entry goes away with the request.
const states = new WeakMap<Request, BodyState>()

/** The body cache of the request `c` is handling, created on first use. */
export function stateOf(c: Context): BodyState {
  const raw = c.req.raw
  let state = states.get(raw)
  if (state === undefined) {
    state = {}
    states.set(raw, state)
  }
  return state
}

/**
 * Lets Hono's own `c.req.json()/text()/arrayBuffer()` answer from the bytes core read. The
 * ArrayBuffer is made only if Hono asks (it may need a copy when the bytes are a view).
 */
export function shareWithHono(c: Context, bytes: () => Uint8Array): void {
  const cache = c.req.bodyCache as Record<string, unknown>
  if (cache.arrayBuffer !== undefined) return
  let promise: Promise<ArrayBuffer> | undefined
  Object.defineProperty(cache, 'arrayBuffer', {
    enumerable: true,
    configurable: true,
    get: () => (promise ??= Promise.resolve(toArrayBuffer(bytes()))),
    set: (value: unknown) => {
      Object.defineProperty(cache, 'arrayBuffer', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      })
    },
  })
}

/** Hands Hono the decoded text too, so its `c.req.json()` skips a second decode. */
export function shareTextWithHono(c: Context, text: string): void {
  const cache = c.req.bodyCache as Record<string, unknown>
  if (cache.text === undefined) cache.text = Promise.resolve(text)
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) {
    return buffer
  }
  return bytes.slice().buffer as ArrayBuffer
}
