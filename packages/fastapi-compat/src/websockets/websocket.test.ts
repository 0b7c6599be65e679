import * as v from 'valibot'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  Body,
  CORSMiddleware,
  Depends,
  dependency,
  FastAPI,
  Header,
  HTTPException,
  TestClient,
} from '../index.js'
import { WebSocketParam } from './current.js'
import { WebSocketDisconnect } from './index.js'
import { WebSocketDenialResponse } from './test-session.js'
import { type WebSocket, WebSocketState } from './websocket.js'

describe('the WebSocket object', () => {
  it('exposes the handshake: url, headers, query and path params, cookies, client', async () => {
    const app = new FastAPI()
    app.websocket('/rooms/{room}', async (websocket) => {
      await websocket.accept()
      await websocket.send_json({
        url: websocket.url.toString(),
        header: websocket.headers.get('x-client'),
        q: websocket.query_params.get('q'),
        path: websocket.path_params,
        cookies: websocket.cookies,
      })
    })
    const websocket = await new TestClient(app).websocket_connect('/rooms/blue?q=1', {
      headers: { 'X-Client': 'xmen' },
      cookies: { session: 'abc' },
    })
    expect(await websocket.receive_json()).toEqual({
      url: 'ws://testserver/rooms/blue?q=1',
      header: 'xmen',
      q: '1',
      path: { room: 'blue' },
      cookies: { session: 'abc' },
    })
    await websocket.close()
  })

  it('tracks client_state and application_state through accept and close', async () => {
    const seen: number[][] = []
    const app = new FastAPI()
    app.websocket('/s', async (websocket) => {
      seen.push([websocket.client_state, websocket.application_state])
      await websocket.accept()
      seen.push([websocket.client_state, websocket.application_state])
      await websocket.close()
      seen.push([websocket.client_state, websocket.application_state])
    })
    const websocket = await new TestClient(app).websocket_connect('/s')
    expect((await websocket.closed).code).toBe(1000)
    await websocket.close()
    const { CONNECTING, CONNECTED, DISCONNECTED } = WebSocketState
    expect(seen).toEqual([
      [CONNECTING, CONNECTING],
      [CONNECTED, CONNECTED],
      [CONNECTED, DISCONNECTED],
    ])
  })

  it('sends and receives bytes and JSON in text and binary mode', async () => {
    const app = new FastAPI()
    app.websocket('/b', async (websocket) => {
      await websocket.accept()
      const bytes = await websocket.receive_bytes()
      await websocket.send_bytes(bytes.map((b) => b * 2))
      await websocket.send_json(await websocket.receive_json('binary'), 'binary')
      for await (const value of websocket.iter_json()) await websocket.send_json({ echo: value })
    })
    const websocket = await new TestClient(app).websocket_connect('/b')
    websocket.send_bytes(new Uint8Array([1, 2, 3]))
    expect(await websocket.receive_bytes()).toEqual(new Uint8Array([2, 4, 6]))
    websocket.send_json({ a: 1 }, 'binary')
    expect(await websocket.receive_json('binary')).toEqual({ a: 1 })
    websocket.send_json([1, 'two'])
    expect(await websocket.receive_json()).toEqual({ echo: [1, 'two'] })
    await websocket.close()
  })

  it('accepts a subprotocol the client offered, with extra headers', async () => {
    const app = new FastAPI()
    app.websocket('/p', async (websocket) => {
      await websocket.accept({ subprotocol: 'wamp', headers: { 'x-extra': '1' } })
      await websocket.send_text(websocket.subprotocols.join(','))
    })
    const websocket = await new TestClient(app).websocket_connect('/p', { subprotocols: ['soap', 'wamp'] })
    expect(websocket.accepted_subprotocol).toBe('wamp')
    expect(await websocket.receive_text()).toBe('soap,wamp')
    await websocket.close()
  })

  it('receiving before accept is a RuntimeError', async () => {
    const app = new FastAPI()
    app.websocket('/early', async (websocket) => {
      await websocket.receive_text()
    })
    await expect(new TestClient(app).websocket_connect('/early')).rejects.toThrow(
      'WebSocket is not connected. Need to call "accept" first.',
    )
  })
})

describe('WebSocket routes: parameters and dependencies', () => {
  it('gives WebSocketParam() to the endpoint and its dependencies: one object per connection', async () => {
    const same = dependency({ websocket: WebSocketParam() }, ({ websocket }) => websocket)
    const app = new FastAPI()
    app.websocket(
      '/same',
      { params: { mine: WebSocketParam(), theirs: Depends(same) } },
      async (websocket, { mine, theirs }) => {
        await websocket.accept()
        await websocket.send_text(String(mine === websocket && theirs === websocket))
      },
    )
    const websocket = await new TestClient(app).websocket_connect('/same')
    expect(await websocket.receive_text()).toBe('true')
    await websocket.close()
  })

  it('closes a yield dependency after the endpoint ends, seeing the client leave', async () => {
    const order: string[] = []
    async function* get_db() {
      order.push('db open')
      try {
        yield 'db'
      } catch (error) {
        order.push(`db saw ${(error as WebSocketDisconnect).code}`)
        throw error
      } finally {
        order.push('db closed')
      }
    }
    const app = new FastAPI()
    app.websocket('/db', { params: { db: Depends(get_db) } }, async (websocket, { db }) => {
      await websocket.accept()
      await websocket.send_text(db)
      try {
        await websocket.receive_text()
      } finally {
        order.push('endpoint done')
      }
    })
    const websocket = await new TestClient(app).websocket_connect('/db')
    expect(await websocket.receive_text()).toBe('db')
    order.push('client closes')
    await expect(websocket.close(4000)).rejects.toMatchObject({ code: 4000 })
    expect(order).toEqual(['db open', 'client closes', 'endpoint done', 'db saw 4000', 'db closed'])
  })

  it('an HTTPException before accept denies the handshake with FastAPI JSON', async () => {
    const verify = dependency({ x_token: Header(v.string()) }, ({ x_token }) => {
      if (x_token !== 'secret') throw new HTTPException(401, 'Bad token', { 'www-authenticate': 'Bearer' })
    })
    const app = new FastAPI()
    app.websocket('/private', { dependencies: [Depends(verify)] }, (websocket) => websocket.accept())
    const error = await new TestClient(app)
      .websocket_connect('/private', { headers: { 'x-token': 'nope' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketDenialResponse)
    expect(error).toBeInstanceOf(WebSocketDisconnect)
    const denial = error as WebSocketDenialResponse
    expect([denial.status_code, denial.json(), denial.headers.get('www-authenticate')]).toEqual([
      401,
      { detail: 'Bad token' },
      'Bearer',
    ])
  })

  it('refuses a body parameter at registration', () => {
    const app = new FastAPI()
    expect(() =>
      app.websocket('/body', { params: { item: Body(v.object({ a: v.string() })) } }, () => {}),
    ).toThrow(/handshake has no body/)
  })

  it('a plain HTTP request to a WebSocket route answers 426', async () => {
    const app = new FastAPI()
    app.websocket('/ws', (websocket: WebSocket) => websocket.accept())
    expect((await new TestClient(app).get('/ws')).status_code).toBe(426)
  })
})

describe('WebSocket routes under app middleware', () => {
  it('still upgrades when http middleware and CORSMiddleware wrap the app; http middleware skips it', async () => {
    const app = new FastAPI()
    const seen: string[] = []
    app.middleware('http', async (request, call_next) => {
      seen.push(new URL(request.url).pathname)
      const response = await call_next(request)
      return new Response(await response.text(), response)
    })
    app.get('/plain', () => 'ok')
    app.add_middleware(CORSMiddleware, { allow_origins: ['https://example.com'] })
    app.websocket('/ws', async (websocket) => {
      await websocket.accept()
      await websocket.send_text('through the stack')
    })
    const websocket = await new TestClient(app).websocket_connect('/ws', {
      headers: { origin: 'https://example.com' },
    })
    expect(await websocket.receive_text()).toBe('through the stack')
    await websocket.close()
    await new TestClient(app).get('/plain')
    expect(seen).toEqual(['/plain'])
  })
})

describe('WebSocket endpoint types', () => {
  it('types the endpoint values from params', () => {
    const app = new FastAPI()
    app.websocket(
      '/t/{room}',
      { params: { room: v.string(), n: Header(v.number()), me: WebSocketParam() } },
      (websocket, { room, n, me }) => {
        expectTypeOf(websocket).toEqualTypeOf<WebSocket>()
        expectTypeOf(room).toEqualTypeOf<string>()
        expectTypeOf(n).toEqualTypeOf<number>()
        expectTypeOf(me).toEqualTypeOf<WebSocket>()
      },
    )
    expect(app.core.routes.map((r) => [r.path, r.meta])).toContainEqual(['/t/:room', { websocket: true }])
  })
})
