import { serve } from '@bustapi/adapters/node'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import WebSocketClient from 'ws'
import { Depends, FastAPI, Query } from '../index.js'

/** Opens a real client; resolves with the socket and a log of what it received, or the refusal status. */
function open(url: string) {
  const socket = new WebSocketClient(url)
  const messages: string[] = []
  const waiting: Array<(m: string) => void> = []
  socket.on('message', (data) => {
    const text = data.toString()
    const next = waiting.shift()
    if (next) next(text)
    else messages.push(text)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const next = () =>
    new Promise<string>((resolve) => {
      const m = messages.shift()
      if (m !== undefined) resolve(m)
      else waiting.push(resolve)
    })
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error('refused'), { status: res.statusCode }))
      res.resume()
      socket.terminate()
    })
    socket.once('error', reject)
  })
  return { socket, opened, next, closed }
}

describe('FastAPI WebSockets over a real Node server', () => {
  it('talks to a ws client, refuses bad parameters, and cleans up after the client leaves', async () => {
    const order: string[] = []
    let cleaned!: () => void
    const cleanedUp = new Promise<void>((resolve) => {
      cleaned = resolve
    })
    async function* get_session() {
      try {
        yield 'session-1'
      } finally {
        order.push('cleanup')
        cleaned()
      }
    }
    const app = new FastAPI()
    app.websocket(
      '/ws/{room}',
      {
        params: {
          room: v.string(),
          n: Query(v.pipe(v.number(), v.integer())),
          session: Depends(get_session),
        },
      },
      async (websocket, { room, n, session }) => {
        await websocket.accept()
        await websocket.send_text(`${room}:${n}:${session}`)
        try {
          for await (const text of websocket.iter_text()) await websocket.send_text(text.toUpperCase())
        } finally {
          order.push('endpoint saw close')
        }
      },
    )
    app.websocket('/bye', async (websocket) => {
      await websocket.accept()
      await websocket.close({ code: 4001, reason: 'go away' })
    })
    const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    const base = handle.url.replace('http', 'ws')
    try {
      const client = open(`${base}/ws/blue?n=7`)
      await client.opened
      expect(await client.next()).toBe('blue:7:session-1')
      client.socket.send('hello')
      expect(await client.next()).toBe('HELLO')
      client.socket.close(1000)
      expect((await client.closed).code).toBe(1000)
      await cleanedUp
      expect(order).toEqual(['endpoint saw close', 'cleanup'])

      const refused = open(`${base}/ws/blue?n=seven`)
      await expect(refused.opened).rejects.toMatchObject({ status: 403 })

      const bye = open(`${base}/bye`)
      await bye.opened
      expect(await bye.closed).toEqual({ code: 4001, reason: 'go away' })
    } finally {
      await handle.close()
    }
  })
})
