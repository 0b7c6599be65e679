import { expect } from 'vitest'
import { defineCases, type Target, WsRefused } from '../types.js'
import { freshId, pollSeen } from './poll.js'

const refusedWith = (t: Target, path: string) =>
  t.connect(path).then(
    (ws) => {
      ws.close()
      return 'accepted'
    },
    (error: unknown) => (error instanceof WsRefused ? error.status : error),
  )

export const websockets = defineCases('websockets', [
  {
    name: 'text and binary messages are echoed in order',
    async run(t) {
      const ws = await t.connect('/ws/echo')
      ws.send('hello')
      ws.send(new Uint8Array([0, 1, 255]))
      ws.send('again')
      expect(await ws.receive()).toBe('hello')
      expect(new Uint8Array(await (ws.receive() as Promise<Uint8Array>))).toEqual(new Uint8Array([0, 1, 255]))
      expect(await ws.receive()).toBe('again')
      ws.close(1000)
      expect((await ws.closed).code).toBe(1000)
    },
  },
  {
    name: 'JSON is received and sent, and the handshake query is visible',
    async run(t) {
      const ws = await t.connect('/ws/json?q=search')
      ws.send(JSON.stringify({ n: [1, 2] }))
      expect(JSON.parse((await ws.receive()) as string)).toEqual({ echo: { n: [1, 2] }, query: 'search' })
      expect((await ws.closed).code).toBe(1000)
    },
  },
  {
    name: 'closing before accept refuses the handshake with 403',
    async run(t) {
      expect(await refusedWith(t, '/ws/refuse')).toBe(403)
    },
  },
  {
    name: 'an HTTPException before accept refuses with its status',
    async run(t) {
      expect(await refusedWith(t, '/ws/auth')).toBe(401)
      const ws = await t.connect('/ws/auth?token=secret')
      expect(await ws.receive()).toBe('welcome')
    },
  },
  {
    name: 'a plain HTTP request to a WebSocket route answers 426',
    async run(t) {
      const res = await t.fetch('/ws/echo')
      expect(res.status).toBe(426)
    },
  },
  {
    name: 'the server picks a subprotocol the client offered',
    async run(t) {
      const ws = await t.connect('/ws/protocol', { protocols: ['chat.v1', 'chat.v2'] })
      expect(ws.protocol).toBe('chat.v2')
      expect(await ws.receive()).toBe('chat.v1,chat.v2')
      ws.close()
    },
  },
  {
    name: 'the server closes with its own code and reason',
    async run(t) {
      const ws = await t.connect('/ws/server-close')
      expect(await ws.receive()).toBe('bye')
      expect(await ws.closed).toEqual({ code: 4000, reason: 'done' })
    },
  },
  {
    name: 'the client leaving surfaces in the handler as WebSocketDisconnect with the code',
    async run(t) {
      const id = freshId('watch')
      const ws = await t.connect(`/ws/watch?id=${id}`)
      expect(await ws.receive()).toBe('ready')
      ws.close(4001, 'leaving')
      expect((await pollSeen(t, id, (s) => s.disconnect !== undefined)).disconnect).toBe(4001)
    },
  },
  {
    name: 'a message over the size limit closes with 1009 and the server stays up',
    async run(t) {
      const id = freshId('small')
      const ws = await t.connect(`/ws/small?id=${id}`)
      expect(await ws.receive()).toBe('ready')
      ws.send('ok')
      expect(await ws.receive()).toBe('ok')
      ws.send('x'.repeat(2048))
      expect((await ws.closed).code).toBe(1009)
      expect((await pollSeen(t, id, (s) => s.disconnect !== undefined)).disconnect).toBe(1009)
      expect(await (await t.fetch('/alive')).text()).toBe('alive')
    },
  },
  {
    name: 'a peer sending more than the handler reads is closed with 1008 and the server stays up',
    async run(t) {
      const ws = await t.connect('/ws/unread')
      expect(await ws.receive()).toBe('ready')
      // One more than the route's bound of 8, and no more: Deno drops a connection (1006 at the
      // client) when messages keep arriving after its close frame.
      for (let i = 0; i < 9; i++) ws.send(`message ${i}`)
      expect(await ws.closed).toEqual({ code: 1008, reason: 'Too many unread messages' })
      expect(await (await t.fetch('/alive')).text()).toBe('alive')
    },
  },
])
