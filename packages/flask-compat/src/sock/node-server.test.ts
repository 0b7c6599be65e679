import { serve } from '@bustapi/adapters/node'
import { describe, expect, it } from 'vitest'
import WebSocketClient from 'ws'
import { Flask } from '../app/flask.js'
import { g, request } from '../ctx.js'
import { Sock } from './sock.js'

describe('flask-sock routes over a real Node server', () => {
  it('echoes for a ws client, refuses through before_request, and tears down after the close', async () => {
    const app = new Flask('sock-node', { static_folder: null })
    const order: string[] = []
    let tornDown!: () => void
    const teardown = new Promise<void>((resolve) => {
      tornDown = resolve
    })
    app.before_request(() => {
      if (request.args.get('token') !== 'ok') return ['no token', 401]
      g.name = request.args.get('name')
    })
    app.teardown_request(() => {
      order.push('teardown_request')
      tornDown()
    })
    new Sock(app).route('/echo/<int:times>', async (ws, { times }) => {
      try {
        while (true) {
          const message = await ws.receive()
          ws.send(`${g.name}: ${String(message).repeat(times)}`)
        }
      } finally {
        order.push('view saw close')
      }
    })
    const handle = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    const base = handle.url.replace('http', 'ws')
    try {
      const socket = new WebSocketClient(`${base}/echo/2?token=ok&name=ana`)
      await new Promise((resolve, reject) => {
        socket.once('open', resolve)
        socket.once('error', reject)
      })
      const reply = new Promise<string>((resolve) =>
        socket.once('message', (data) => resolve(data.toString())),
      )
      socket.send('ab')
      expect(await reply).toBe('ana: abab')
      const closed = new Promise<number>((resolve) => socket.once('close', resolve))
      order.push('client closes')
      socket.close(1000)
      expect(await closed).toBe(1000)
      await teardown
      expect(order).toEqual(['client closes', 'view saw close', 'teardown_request'])

      const refused = await new Promise<number | undefined>((resolve) => {
        const client = new WebSocketClient(`${base}/echo/2`)
        client.on('error', () => {})
        client.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode)
          res.resume()
          client.terminate()
        })
      })
      expect(refused).toBe(401)
    } finally {
      await handle.close()
    }
  })
})
