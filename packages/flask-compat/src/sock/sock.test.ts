import { connectWebSocket, WebSocketRefused } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { Blueprint } from '../app/blueprint.js'
import { Flask } from '../app/flask.js'
import { url_for } from '../app/helpers.js'
import { current_app, g, request, session } from '../ctx.js'
import { abort } from '../exceptions.js'
import { ConnectionClosed } from './connection-closed.js'
import { Sock } from './sock.js'

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof WebSocketRefused ? error.response : Promise.reject(error)),
  )

function newApp() {
  const app = new Flask('sock-test', { static_folder: null })
  app.secret_key = 'dev'
  return app
}

describe('Sock: registration (flask-sock tests)', () => {
  it('registers a websocket rule on the app given to the constructor', () => {
    const app = newApp()
    const sock = new Sock(app)
    sock.route('/ws', function ws() {})
    expect(sock.app).toBe(app)
    expect(sock.bp).toBeNull()
    expect(app.url_map.iter_rules().map((r) => r.rule)).toContain('/ws')
    expect(app.core.routes.find((r) => r.path === '/ws')?.meta).toEqual({ websocket: true })
  })

  it('keeps routes declared before init_app on its own blueprint, registered by init_app', () => {
    const app = newApp()
    const sock = new Sock()
    sock.route('/ws', function ws() {})
    expect(sock.app).toBeNull()
    expect(sock.bp).not.toBeNull()
    sock.init_app(app)
    expect(sock.app).toBe(app)
    expect(app.url_map.iter_rules().map((r) => [r.rule, r.endpoint])).toContainEqual([
      '/ws',
      '__flask_sock.ws',
    ])
  })

  it('puts a route on a blueprint with its url_prefix and endpoint name', async () => {
    const app = newApp()
    const bp = new Blueprint('bp', 'bp')
    const sock = new Sock()
    sock.route('/ws', { bp }, function ws(socket) {
      socket.send(url_for('bp.ws'))
    })
    sock.init_app(app)
    app.register_blueprint(bp, { url_prefix: '/bp' })
    sock.route('/ws', function ws2() {})
    expect(sock.bp).toBeNull()
    const rules = app.url_map.iter_rules().map((r) => r.rule)
    expect(rules).toContain('/bp/ws')
    expect(rules).toContain('/ws')
    const client = await connectWebSocket(app, '/bp/ws')
    expect(await client.receive()).toBe('/bp/ws')
  })
})

describe('Sock: talking', () => {
  it('echoes text and bytes until the client leaves; ConnectionClosed carries the code', async () => {
    const app = newApp()
    let left: ConnectionClosed | undefined
    const done = new Promise<void>((resolve) => {
      new Sock(app).route('/echo', async (ws) => {
        try {
          while (true) ws.send(await ws.receive())
        } catch (error) {
          left = error as ConnectionClosed
          throw error
        } finally {
          resolve()
        }
      })
    })
    const client = await connectWebSocket(app, '/echo')
    client.send('hello')
    expect(await client.receive()).toBe('hello')
    client.send(new Uint8Array([1, 2]))
    expect(await client.receive()).toEqual(new Uint8Array([1, 2]))
    client.close(4001, 'bye')
    await done
    expect(left).toBeInstanceOf(ConnectionClosed)
    expect([left?.reason, left?.message]).toEqual([4001, 'bye'])
  })

  it('passes converted rule variables, like Flask views', async () => {
    const app = newApp()
    new Sock(app).route('/rooms/<int:room>/<name>', (ws, { room, name }) => {
      ws.send(`${name} in ${room + 1}`)
    })
    const client = await connectWebSocket(app, '/rooms/41/ana')
    expect(await client.receive()).toBe('ana in 42')
    expect((await client.closed).code).toBe(1000)
  })

  it('receive(timeout) resolves null when nothing arrives, and keeps the later message', async () => {
    const app = newApp()
    new Sock(app).route('/t', async (ws) => {
      ws.send(String(await ws.receive(0)))
      ws.send(String(await ws.receive(0.01)))
      ws.send(`got ${await ws.receive()}`)
    })
    const client = await connectWebSocket(app, '/t')
    expect(await client.receive()).toBe('null')
    expect(await client.receive()).toBe('null')
    client.send('late')
    expect(await client.receive()).toBe('got late')
  })

  it('closes with the reason and message given; sending afterwards raises ConnectionClosed', async () => {
    const app = newApp()
    let after: unknown
    new Sock(app).route('/close', (ws) => {
      ws.close(4002, 'done here')
      try {
        ws.send('x')
      } catch (error) {
        after = error
      }
    })
    const client = await connectWebSocket(app, '/close')
    const closed = await client.closed
    expect([closed.code, closed.reason]).toEqual([4002, 'done here'])
    expect(after).toBeInstanceOf(ConnectionClosed)
  })

  it('chooses a subprotocol from SOCK_SERVER_OPTIONS in the client order', async () => {
    const app = newApp()
    app.config.SOCK_SERVER_OPTIONS = { subprotocols: ['b', 'c'] }
    new Sock(app).route('/p', (ws) => {
      ws.send(String(ws.subprotocol))
    })
    const client = await connectWebSocket(app, '/p', { protocols: ['a', 'c', 'b'] })
    expect(client.protocol).toBe('c')
    expect(await client.receive()).toBe('c')
  })
})

describe('Sock: the Flask request around a connection', () => {
  it('runs before_request first, the view in the request context, then after_request and teardown once closed', async () => {
    const app = newApp()
    const order: string[] = []
    let finished!: () => void
    const torndown = new Promise<void>((resolve) => {
      finished = resolve
    })
    app.before_request(() => {
      order.push('before_request')
      g.user = request.args.get('user')
    })
    app.after_request((response) => {
      order.push('after_request')
      return response
    })
    app.teardown_request(() => {
      order.push('teardown_request')
      finished()
    })
    new Sock(app).route('/ctx', async (ws) => {
      session.seen = true
      ws.send(`${g.user} ${request.path} ${current_app.name} ${request.headers.get('x-room')}`)
      await ws.receive()
      order.push('view done')
    })
    const client = await connectWebSocket(app, '/ctx?user=ana', { headers: { 'x-room': 'blue' } })
    expect(await client.receive()).toBe('ana /ctx sock-test blue')
    order.push('client sends')
    client.send('bye')
    expect((await client.closed).code).toBe(1000)
    await torndown
    expect(order).toEqual([
      'before_request',
      'client sends',
      'view done',
      'after_request',
      'teardown_request',
    ])
  })

  it('refuses the handshake with what a before_request hook returned, or abort()', async () => {
    const app = newApp()
    app.before_request(() => {
      if (request.args.get('deny') === 'hook') return ['Go away', 401]
      if (request.args.get('deny') === 'abort') abort(403)
    })
    new Sock(app).route('/guarded', (ws) => ws.send('in'))
    const hook = await refusal(connectWebSocket(app, '/guarded?deny=hook'))
    expect([hook?.status, await hook?.text()]).toEqual([401, 'Go away'])
    const aborted = await refusal(connectWebSocket(app, '/guarded?deny=abort'))
    expect(aborted?.status).toBe(403)
    expect(await aborted?.text()).toContain('Forbidden')
    const client = await connectWebSocket(app, '/guarded')
    expect(await client.receive()).toBe('in')
  })

  it('closes with 1011 when the view fails, and teardown sees the error', async () => {
    const app = newApp()
    app.config.PROPAGATE_EXCEPTIONS = false
    const logged: unknown[] = []
    app.log_exception = (error) => logged.push(error)
    let seen!: (error: unknown) => void
    const teardown = new Promise<unknown>((resolve) => {
      seen = resolve
    })
    app.teardown_request((error) => seen(error))
    new Sock(app).route('/boom', async (ws) => {
      await ws.receive()
      throw new Error('view bug')
    })
    const client = await connectWebSocket(app, '/boom')
    client.send('go')
    expect((await client.closed).code).toBe(1011)
    expect(await teardown).toMatchObject({ message: 'view bug' })
    expect(logged).toHaveLength(1)
  })

  it('answers a plain HTTP request with 426', async () => {
    const app = newApp()
    new Sock(app).route('/ws', (ws) => ws.send('x'))
    expect((await app.request('/ws')).status).toBe(426)
  })
})

describe('Sock: decorator style and the extension registry', () => {
  it('returns a decorator without a view, and records itself in app.extensions', async () => {
    const app = newApp()
    const sock = new Sock(app)
    const clock = sock.route('/clock/<name>')(function clock(ws, { name }) {
      ws.send(`tick for ${name}`)
    })
    expect(clock.name).toBe('clock')
    expect(app.extensions.sock).toBe(sock)
    expect(await app.test_request_context(() => url_for('clock', { name: 'ana' }))).toBe('/clock/ana')
    const client = await connectWebSocket(app, '/clock/ana')
    expect(await client.receive()).toBe('tick for ana')
  })
})
