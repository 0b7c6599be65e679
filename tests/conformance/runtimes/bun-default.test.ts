import { describe, expect, it } from 'vitest'
import { platform } from '../cases/platform.js'
import { websockets } from '../cases/websockets.js'
import { runConformance } from '../run-cases.js'
import { WsRefused } from '../types.js'
import { findBinary, freePort, startChild } from './child-target.js'

const bun = findBinary('bun', ['--version'])

/** Starts Bun on an entry whose default export Bun serves by itself, on a free loopback port. */
async function serveDefault(entry: string) {
  const port = await freePort()
  return startChild(
    `bun (${entry})`,
    bun.path,
    ['--conditions=@bustapi/source', `tests/conformance/runtimes/entries/${entry}`],
    { url: `http://127.0.0.1:${port}`, env: { PORT: String(port) } },
  )
}

if (bun.missing !== undefined) {
  describe('bun module default export', () => it.skip(`skipped: ${bun.missing}`))
} else {
  runConformance('bun export default bunApp(app)', () => serveDefault('bun-default.ts'), [
    websockets,
    platform,
  ])

  describe('bun module default export', () => {
    it('a plain `export default app` has no WebSocket: the route answers 501', async () => {
      const target = await serveDefault('bun-plain.ts')
      try {
        const refused = await target.connect('/ws/echo').then(
          () => 'accepted',
          (error: unknown) => (error instanceof WsRefused ? error.status : error),
        )
        expect(refused).toBe(501)
      } finally {
        await target.close()
      }
    })
  })
}
