import { connectWebSocket, WebSocketRefused } from '@bustapi/core'
import WebSocket from 'ws'
import { type WsClient, WsRefused } from './types.js'

type Fetchable = Parameters<typeof connectWebSocket>[0]

/**
 * A WebSocket client over a real socket (the `ws` package), as a browser would connect.
 * @example
 * const ws = await connectOverHttp('http://127.0.0.1:8000', '/ws/echo')
 */
export function connectOverHttp(baseUrl: string, path: string, options: { protocols?: string[] } = {}) {
  const url = new URL(path, baseUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  const socket = new WebSocket(url, options.protocols ?? [])
  const inbox: (string | Uint8Array)[] = []
  const waiters: { resolve(m: string | Uint8Array): void; reject(e: unknown): void }[] = []
  let closedWith: { code: number; reason: string } | undefined
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      closedWith = { code, reason: reason.toString() }
      for (const w of waiters.splice(0)) w.reject(Object.assign(new Error('closed'), closedWith))
      resolve(closedWith)
    })
  })
  socket.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    const message = isBinary ? new Uint8Array(bytes) : bytes.toString()
    const waiter = waiters.shift()
    if (waiter) waiter.resolve(message)
    else inbox.push(message)
  })
  return new Promise<WsClient>((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      reject(new WsRefused(res.statusCode ?? 0))
      res.resume()
      socket.terminate()
    })
    socket.once('error', reject)
    socket.once('open', () => {
      socket.off('error', reject)
      socket.on('error', () => {})
      resolve({
        protocol: socket.protocol,
        send: (data) => socket.send(data),
        receive() {
          const next = inbox.shift()
          if (next !== undefined) return Promise.resolve(next)
          if (closedWith) return Promise.reject(Object.assign(new Error('closed'), closedWith))
          return new Promise((res, rej) => waiters.push({ resolve: res, reject: rej }))
        },
        close: (code, reason) => socket.close(code, reason),
        closed,
      })
    })
  })
}

/**
 * A WebSocket client to an app in process, through core's in-memory upgrader.
 * @example
 * const ws = await connectInProcess(app, '/ws/echo')
 */
export async function connectInProcess(
  app: Fetchable,
  path: string,
  options: { protocols?: string[] } = {},
): Promise<WsClient> {
  try {
    const ws = await connectWebSocket(app, path, options.protocols ? { protocols: options.protocols } : {})
    return {
      get protocol() {
        return ws.protocol
      },
      send: (data) => ws.send(data),
      receive: () => ws.receive(),
      close: (code, reason) => ws.close(code, reason),
      closed: ws.closed.then(({ code, reason }) => ({ code, reason })),
    }
  } catch (error) {
    if (error instanceof WebSocketRefused) throw new WsRefused(error.response.status)
    throw error
  }
}
