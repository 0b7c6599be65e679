import { connectWebSocket } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { createRuntimesApp } from './app.js'

describe('runtimes example', () => {
  it('answers JSON naming the runtime', async () => {
    const res = await createRuntimesApp().request('/')
    expect(await res.json()).toEqual({ hello: 'world', runtime: 'node' })
  })

  it('streams clock ticks as Server-Sent Events', async () => {
    const res = await createRuntimesApp().request('/clock?count=1')
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(await res.text()).toMatch(/^event: tick\nid: 0\ndata: \{"at":"[^"]+"\}\n\n$/)
  })

  it('echoes WebSocket messages after a welcome', async () => {
    const ws = await connectWebSocket(createRuntimesApp(), '/echo')
    expect(await ws.receiveJson()).toEqual({ welcome: 'node' })
    ws.send('ping')
    expect(await ws.receive()).toBe('ping')
    ws.close()
  })

  it('accepts background work with 202', async () => {
    const res = await createRuntimesApp().request('/later', { method: 'POST' })
    expect(res.status).toBe(202)
  })
})
