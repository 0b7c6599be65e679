import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerHandle, serve } from '@bustapi/adapters/node'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConformanceApp } from './apps.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`

// The WebSocket and EventSource a browser opens, against the conformance app on Node's server.
describe.skipIf(missing !== undefined)(
  `WebSockets and SSE from headless Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: ServerHandle
    let browser: BrowserContext
    let page: Page
    let profile: string

    beforeAll(async () => {
      server = await serve(createConformanceApp(), { port: 0, hostname: '127.0.0.1', handleSignals: false })
      profile = mkdtempSync(join(tmpdir(), 'bustapi-chromium-'))
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
      page = await browser.newPage()
      await page.goto(`${server.url}/alive`)
    }, 60_000)

    afterAll(async () => {
      await browser?.close()
      await server?.close()
      if (profile) rmSync(profile, { recursive: true, force: true })
    })

    it('a browser WebSocket exchanges text and binary with the echo endpoint', async () => {
      const result = await page.evaluate(async () => {
        const ws = new WebSocket(`ws://${location.host}/ws/echo`)
        ws.binaryType = 'arraybuffer'
        const got: unknown[] = []
        await new Promise<void>((resolve, reject) => {
          ws.onopen = () => {
            ws.send('from the browser')
            ws.send(new Uint8Array([7, 8, 9]))
          }
          ws.onmessage = (e) => {
            got.push(typeof e.data === 'string' ? e.data : [...new Uint8Array(e.data)])
            if (got.length === 2) ws.close(1000)
          }
          ws.onclose = () => resolve()
          ws.onerror = () => reject(new Error('websocket error'))
        })
        return got
      })
      expect(result).toEqual(['from the browser', [7, 8, 9]])
    })

    it('a refused handshake closes the browser WebSocket without opening it', async () => {
      const result = await page.evaluate(
        () =>
          new Promise<{ opened: boolean; code: number }>((resolve) => {
            let opened = false
            const ws = new WebSocket(`ws://${location.host}/ws/refuse`)
            ws.onopen = () => (opened = true)
            ws.onclose = (e) => resolve({ opened, code: e.code })
          }),
      )
      expect(result).toEqual({ opened: false, code: 1006 })
    })

    it('EventSource receives named events with their ids', async () => {
      const result = await page.evaluate(
        () =>
          new Promise<unknown[]>((resolve) => {
            const source = new EventSource('/sse/events')
            const got: unknown[] = []
            source.addEventListener('greeting', (e) =>
              got.push(['greeting', (e as MessageEvent).lastEventId, (e as MessageEvent).data]),
            )
            source.onmessage = (e) => {
              got.push(['message', e.data])
              source.close()
              resolve(got)
            }
          }),
      )
      expect(result).toEqual([
        ['greeting', '1', '{"hello":"world"}'],
        ['message', 'plain text\nsecond line'],
      ])
    })
  },
)
