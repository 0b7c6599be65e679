import { connect } from 'node:net'
import { App } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { serve } from './serve.js'

/**
 * Opens a raw connection and writes `parts` one after another, `gapMs` apart, until the server
 * closes the connection; resolves with what the server sent and when it closed.
 */
function trickle(
  port: number,
  parts: string[],
  gapMs: number,
): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    let timer: NodeJS.Timeout | undefined
    let i = 0
    const next = () => {
      if (socket.destroyed || i >= parts.length) return
      socket.write(parts[i++]!)
      timer = setTimeout(next, gapMs)
    }
    socket.setEncoding('utf8')
    socket.on('connect', next)
    socket.on('data', (chunk: string) => {
      reply += chunk
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ reply, closedAfterMs: performance.now() - started })
    })
    setTimeout(() => reject(new Error('the server never closed the connection')), 8_000).unref()
  })
}

describe('slow clients', () => {
  it('cuts off a client that sends its headers byte by byte once headersTimeout has passed', async () => {
    const app = new App()
    app.get('/', (c) => c.text('never reached'))
    const handle = await serve(app, { port: 0, handleSignals: false, headersTimeout: 500 })
    try {
      const head = 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: ' + 'a'.repeat(200)
      const { reply, closedAfterMs } = await trickle(handle.port, [...head], 50)
      expect(reply).toMatch(/^HTTP\/1\.1 408 /)
      expect(reply).not.toContain('never reached')
      expect(closedAfterMs).toBeGreaterThanOrEqual(450)
      expect(closedAfterMs).toBeLessThan(1_500)
      // The server keeps serving other clients.
      expect(await (await fetch(handle.url)).text()).toBe('never reached')
    } finally {
      await handle.close()
    }
  })

  it('cuts off a client that trickles its body once requestTimeout has passed', async () => {
    // The aborted body read is expected here; keep it out of the test output.
    const app = new App({ reportError: () => {} })
    app.post('/', async (c) => c.text(await c.req.text()))
    const handle = await serve(app, {
      port: 0,
      handleSignals: false,
      headersTimeout: 400,
      requestTimeout: 800,
    })
    try {
      const head = 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n'
      const { reply, closedAfterMs } = await trickle(handle.port, [head, ...'x'.repeat(99)], 50)
      expect(reply).toMatch(/^HTTP\/1\.1 408 /)
      expect(closedAfterMs).toBeGreaterThanOrEqual(750)
      expect(closedAfterMs).toBeLessThan(2_000)
    } finally {
      await handle.close()
    }
  })
})
