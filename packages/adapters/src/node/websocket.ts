import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WEBSOCKET_UPGRADE, type WebSocketListener, type WebSocketUpgrade } from '@bustapi/core'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import type { FetchApp } from './handler.js'

/** What a server's WebSocket support offers `serve()`: closing every socket on shutdown. */
export interface NodeWebSockets {
  /** Sends every open socket a close frame (1001, going away). */
  closeAll(): void
  /**
   * Resolves once every accepted socket's handler has returned (its cleanup done); after
   * `timeoutMs` the sockets still open are cut (their handlers see 1006) and it resolves.
   */
  handlersDone(timeoutMs: number): Promise<void>
  /** Cuts every socket at once (the drain was cut short). */
  terminateAll(): void
}

/**
 * Answers `upgrade` events on a Node server through the app: the request goes through `app.fetch`
 * like any other, with an upgrader on `env`; when the WebSocket handler accepts, `ws` completes the
 * handshake, otherwise the app's response (403, 404, 401...) is written to the socket.
 *
 * @example
 * const sockets = attachWebSockets(server, app, { maxPayload: 16 * 1024 * 1024 })
 */
export function attachWebSockets(
  server: Server,
  app: FetchApp,
  options: { maxPayload?: number; heartbeatMs?: number } = {},
): NodeWebSockets {
  const accepted = new WeakMap<IncomingMessage, WebSocketUpgrade>()
  // Handlers still running, so that a graceful shutdown waits for their cleanup.
  const running = new Set<Promise<void>>()
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
    handleProtocols: (_offered, request) => accepted.get(request)?.protocol ?? false,
  })
  wss.on('headers', (lines, request) => {
    accepted.get(request)?.headers?.forEach((value, key) => {
      lines.push(`${key}: ${value}`)
    })
  })

  server.on('upgrade', async (incoming: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not crash the process.
    socket.on('error', () => {})
    let upgrade: WebSocketUpgrade | undefined
    const env = {
      incoming,
      outgoing: undefined,
      [WEBSOCKET_UPGRADE]: (u: WebSocketUpgrade) => {
        upgrade = u
        return new Response(null, { status: 200 })
      },
    }
    let response: Response
    try {
      response = await app.fetch(toRequest(incoming), env)
    } catch {
      response = new Response(null, { status: 500 })
    }
    if (upgrade === undefined) return refuse(socket, response)
    const { listener } = upgrade
    if (socket.destroyed) return listener.close(1006, '')
    accepted.set(incoming, upgrade)
    if (upgrade.done !== undefined) {
      const done = upgrade.done.catch(() => {})
      running.add(done)
      void done.then(() => running.delete(done))
    }
    wss.handleUpgrade(incoming, socket, head, (ws) => {
      wss.emit('connection', ws, incoming)
      bind(ws, listener)
    })
  })
  // A peer that vanished without a close frame (half-open) is found by a ping it never answers.
  const alive = new WeakSet<WebSocket>()
  const heartbeatMs = options.heartbeatMs ?? 30_000
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          for (const ws of wss.clients) {
            if (!alive.has(ws)) {
              ws.terminate()
              continue
            }
            alive.delete(ws)
            ws.ping()
          }
        }, heartbeatMs).unref()
      : undefined
  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws)
    ws.on('pong', () => alive.add(ws))
  })
  server.on('close', () => {
    clearInterval(heartbeat)
    wss.close()
  })

  const terminateAll = () => {
    for (const ws of wss.clients) ws.terminate()
  }
  return {
    closeAll() {
      for (const ws of wss.clients) ws.close(1001, 'Server shutting down')
    },
    async handlersDone(timeoutMs) {
      if (running.size === 0) return
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      })
      await Promise.race([Promise.all(running), deadline])
      clearTimeout(timer)
      if (running.size > 0) terminateAll()
    },
    terminateAll,
  }
}

function bind(ws: WebSocket, listener: WebSocketListener): void {
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    listener.message(
      isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString(),
    )
  })
  ws.on('close', (code: number, reason: Buffer) => listener.close(code, reason.toString()))
  ws.on('error', () => {})
  listener.open({
    send: (data) => ws.send(data),
    close: (code, reason) => {
      // 1005/1006/1015 are reserved for reporting and may not be sent on the wire.
      if (code === undefined || code === 1005 || code === 1006 || code === 1015) ws.close()
      else ws.close(code, reason)
    },
  })
}

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else headers.set(key, value)
  }
  const host = incoming.headers.host ?? 'localhost'
  return new Request(new URL(incoming.url ?? '/', `http://${host}`), { headers })
}

/** Writes a refused handshake's response (status, headers, a short body) and closes the socket. */
function refuse(socket: Duplex, response: Response): void {
  if (socket.destroyed) return
  response.arrayBuffer().then(
    (body) => {
      const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`]
      response.headers.forEach((value, key) => {
        if (key !== 'content-length' && key !== 'connection' && key !== 'transfer-encoding')
          lines.push(`${key}: ${value}`)
      })
      lines.push(`content-length: ${body.byteLength}`, 'connection: close', '', '')
      socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), Buffer.from(body)]))
    },
    () => socket.destroy(),
  )
}
