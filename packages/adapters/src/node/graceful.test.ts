import { Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { App } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { serve } from './serve.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A GET over node:http, resolving with status and body, or rejecting with the socket error. */
function get(url: string, agent?: Agent): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then runs the app shutdown', async () => {
    const events: string[] = []
    const app = new App()
    app.get('/fast', (c) => c.text('fast'))
    app.get('/slow', async (c) => {
      await sleep(300)
      events.push('slow handler finished')
      return c.text('slow done')
    })
    app.onShutdown(() => void events.push('app shutdown'))
    const handle = await serve(app, { port: 0, handleSignals: false })

    // An idle keep-alive connection must not hold the drain open.
    const idle = new Agent({ keepAlive: true })
    expect((await get(`${handle.url}/fast`, idle)).body).toBe('fast')
    const keepAlive = new Agent({ keepAlive: true })
    const slow = get(`${handle.url}/slow`, keepAlive)
    await sleep(50)

    const started = performance.now()
    const closing = handle.close()
    await sleep(10)
    await expect(get(`${handle.url}/fast`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    expect(await slow).toMatchObject({ status: 200, body: 'slow done' })
    const answered = performance.now()
    await closing
    const drained = performance.now()
    expect(events).toEqual(['slow handler finished', 'app shutdown'])
    // The kept-alive connection of the slow request closes as soon as it is idle, not after keepAliveTimeout.
    expect(drained - answered).toBeLessThan(500)
    expect(drained - started).toBeGreaterThanOrEqual(200)
    await expect(get(`${handle.url}/fast`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    idle.destroy()
    keepAlive.destroy()
  })

  it('cuts a request that outlives gracefulTimeoutMs, then still runs the app shutdown', async () => {
    let release: () => void = () => {}
    const app = new App()
    app.get('/hang', async (c) => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return c.text('too late')
    })
    let shutdown = false
    app.onShutdown(() => {
      shutdown = true
    })
    const handle = await serve(app, { port: 0, handleSignals: false, gracefulTimeoutMs: 200 })
    const hanging = get(`${handle.url}/hang`)
    await sleep(50)

    const started = performance.now()
    await handle.close()
    const elapsed = performance.now() - started
    await expect(hanging).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(elapsed).toBeGreaterThanOrEqual(190)
    expect(elapsed).toBeLessThan(1_000)
    expect(shutdown).toBe(true)
    release()
  })

  it('answers close() called twice with the same drain', async () => {
    const handle = await serve(new App(), { port: 0, handleSignals: false })
    const first = handle.close()
    const second = handle.close()
    await Promise.all([first, second, handle.closed])
    expect(handle.server.listening).toBe(false)
  })

  it('rejects closed when the app shutdown fails', async () => {
    const app = new App()
    app.onShutdown(() => {
      throw new Error('flush failed')
    })
    const handle = await serve(app, { port: 0, handleSignals: false })
    await expect(handle.close()).rejects.toThrow('flush failed')
    await expect(handle.closed).rejects.toThrow('flush failed')
  })

  it('serves a request queued on a kept-alive connection during the drain, with Connection: close', async () => {
    const app = new App()
    app.get('/slow', async (c) => {
      await sleep(150)
      return c.text('first')
    })
    app.get('/fast', (c) => c.text('second'))
    const handle = await serve(app, { port: 0, handleSignals: false })
    const socket = connect(handle.port, '127.0.0.1')
    let reply = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      reply += chunk
    })
    const ended = new Promise((resolve) => socket.on('close', resolve))
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n')
    await sleep(50)
    const closing = handle.close()
    await sleep(20)
    // Pipelined behind the request in flight, so the connection is not idle when it arrives.
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n')
    await closing
    await ended
    const [first, second] = reply.split(/(?=HTTP\/1\.1 )/)
    expect(first).toMatch(/^HTTP\/1\.1 200 [\s\S]*keep-alive[\s\S]*first$/i)
    expect(second).toMatch(/^HTTP\/1\.1 200 [\s\S]*Connection: close[\s\S]*second$/i)
  })

  it('cuts the drain short on a second signal', async () => {
    const app = new App()
    app.get('/hang', () => new Promise<Response>(() => {}))
    const handle = await serve(app, { port: 0, gracefulTimeoutMs: 10_000 })
    const hanging = get(`${handle.url}/hang`).catch((error: NodeJS.ErrnoException) => error.code)
    await sleep(50)
    const started = performance.now()
    process.emit('SIGTERM')
    await sleep(50)
    process.emit('SIGINT')
    await handle.closed
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(await hanging).toBe('ECONNRESET')
  })
})
