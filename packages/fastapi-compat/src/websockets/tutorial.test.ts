import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Cookie, Depends, dependency, FastAPI, HTMLResponse, Query, TestClient } from '../index.js'
import { WebSocketParam } from './current.js'
import { WebSocketException } from './exceptions.js'
import { WebSocketDisconnect } from './index.js'
import { status } from './status.js'
import type { WebSocket } from './websocket.js'

// Behaviours of upstream docs_src/websockets tutorial001-003 and their tests.

const chatPage =
  '<!DOCTYPE html>\n<html><head><title>Chat</title></head><body><h1>WebSocket Chat</h1></body></html>'

describe('tutorial001: an echo endpoint beside its page', () => {
  const app = new FastAPI()
  app.get('/', () => new HTMLResponse(chatPage))
  app.websocket('/ws', async (websocket) => {
    await websocket.accept()
    while (true) {
      const data = await websocket.receive_text()
      await websocket.send_text(`Message text was: ${data}`)
    }
  })
  const client = new TestClient(app)

  it('serves the chat page', async () => {
    const res = await client.get('/')
    expect(res.status_code).toBe(200)
    expect(res.text).toContain('<!DOCTYPE html>')
  })

  it('echoes each message; leaving raises the endpoint WebSocketDisconnect', async () => {
    const websocket = await client.websocket_connect('/ws')
    for (const message of ['Message one', 'Message two']) {
      websocket.send_text(message)
      expect(await websocket.receive_text()).toBe(`Message text was: ${message}`)
    }
    await expect(websocket.close()).rejects.toBeInstanceOf(WebSocketDisconnect)
  })
})

describe('tutorial002: Path, Query, Cookie and a dependency that refuses with 1008', () => {
  const get_cookie_or_token = dependency(
    {
      websocket: WebSocketParam(),
      session: Cookie(v.optional(v.string())),
      token: Query(v.optional(v.string())),
    },
    ({ session, token }) => {
      if (session === undefined && token === undefined)
        throw new WebSocketException(status.WS_1008_POLICY_VIOLATION)
      return (session ?? token)!
    },
  )
  const app = new FastAPI()
  app.get('/', () => new HTMLResponse(chatPage))
  app.websocket(
    '/items/{item_id}/ws',
    {
      params: {
        item_id: v.string(),
        q: Query(v.optional(v.pipe(v.number(), v.integer()))),
        cookie_or_token: Depends(get_cookie_or_token),
      },
    },
    async (websocket, { item_id, q, cookie_or_token }) => {
      await websocket.accept()
      while (true) {
        const data = await websocket.receive_text()
        await websocket.send_text(`Session cookie or query token value is: ${cookie_or_token}`)
        if (q !== undefined) await websocket.send_text(`Query parameter q is: ${q}`)
        await websocket.send_text(`Message text was: ${data}, for item ID: ${item_id}`)
      }
    },
  )
  const client = new TestClient(app)

  const talk = async (websocket: Awaited<ReturnType<TestClient['websocket_connect']>>, lines: string[]) => {
    for (const message of ['Message one', 'Message two']) {
      websocket.send_text(message)
      for (const line of lines) expect(await websocket.receive_text()).toBe(line.replace('$m', message))
    }
    await expect(websocket.close()).rejects.toBeInstanceOf(WebSocketDisconnect)
  }

  it('reads the session cookie', async () => {
    const websocket = await client.websocket_connect('/items/foo/ws', { cookies: { session: 'fakesession' } })
    await talk(websocket, [
      'Session cookie or query token value is: fakesession',
      'Message text was: $m, for item ID: foo',
    ])
  })

  it('reads the token from the query', async () => {
    const websocket = await client.websocket_connect('/items/bar/ws?token=some-token')
    await talk(websocket, [
      'Session cookie or query token value is: some-token',
      'Message text was: $m, for item ID: bar',
    ])
  })

  it('validates and passes q', async () => {
    const websocket = await client.websocket_connect('/items/2/ws?q=3&token=some-token')
    await talk(websocket, [
      'Session cookie or query token value is: some-token',
      'Query parameter q is: 3',
      'Message text was: $m, for item ID: 2',
    ])
  })

  it('refuses without credentials with 1008', async () => {
    const error = await client.websocket_connect('/items/2/ws').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketDisconnect)
    expect(error).toMatchObject({ code: 1008 })
  })

  it('refuses an invalid q with 1008 and the validation errors', async () => {
    const error = await client
      .websocket_connect('/items/2/ws?q=bar&token=some-token')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WebSocketDisconnect)
    expect((error as WebSocketDisconnect).code).toBe(1008)
    expect(JSON.parse((error as WebSocketDisconnect).reason)).toEqual([
      {
        type: 'int_parsing',
        loc: ['query', 'q'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'bar',
      },
    ])
  })
})

describe('tutorial003: a chat room that broadcasts and notices leaving', () => {
  const active: WebSocket[] = []
  const app = new FastAPI()
  app.get('/', () => new HTMLResponse(chatPage))
  app.websocket(
    '/ws/{client_id}',
    { params: { client_id: v.pipe(v.number(), v.integer()) } },
    async (websocket, { client_id }) => {
      await websocket.accept()
      active.push(websocket)
      const broadcast = async (message: string) => {
        for (const connection of active) await connection.send_text(message)
      }
      try {
        while (true) {
          const data = await websocket.receive_text()
          await websocket.send_text(`You wrote: ${data}`)
          await broadcast(`Client #${client_id} says: ${data}`)
        }
      } catch (error) {
        if (!(error instanceof WebSocketDisconnect)) throw error
        active.splice(active.indexOf(websocket), 1)
        await broadcast(`Client #${client_id} left the chat`)
      }
    },
  )
  const client = new TestClient(app)

  it('serves the page', async () => {
    expect((await client.get('/')).text).toBe(chatPage)
  })

  it('broadcasts to every client and announces one leaving', async () => {
    const connection = await client.websocket_connect('/ws/1234')
    const connection_two = await client.websocket_connect('/ws/5678')
    connection.send_text('Hello from 1234')
    expect(await connection.receive_text()).toBe('You wrote: Hello from 1234')
    expect(await connection_two.receive_text()).toBe('Client #1234 says: Hello from 1234')
    expect(await connection.receive_text()).toBe('Client #1234 says: Hello from 1234')
    await connection_two.close()
    expect(await connection.receive_text()).toBe('Client #5678 left the chat')
    await connection.close()
    expect(active).toEqual([])
  })
})
