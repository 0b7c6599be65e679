import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const tsx = join(import.meta.dirname, '../../../../node_modules/.bin/tsx')

describe('serve({ workers })', () => {
  it('runs one process per worker on one shared port, and SIGTERM stops them all', {
    timeout: 30_000,
  }, async () => {
    const primary = spawn(
      tsx,
      ['--conditions=@bustapi/source', join(import.meta.dirname, 'fixtures/cluster-app.ts')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    try {
      let output = ''
      primary.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
      const deadline = Date.now() + 20_000
      let url: string | undefined
      while (url === undefined && Date.now() < deadline) {
        url = /LISTENING (\S+)/.exec(output)?.[1]
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(url).toBeDefined()
      const pids = new Set<string>()
      for (let i = 0; i < 8; i++) {
        // A fresh connection each time: the primary hands out connections, not requests.
        const res = await fetch(url!, { headers: { connection: 'close' } })
        pids.add(await res.text())
      }
      expect(pids.size).toBe(2)
      expect(pids.has(String(primary.pid))).toBe(false)
      const exited = new Promise((resolve) => primary.once('exit', resolve))
      primary.kill('SIGTERM')
      await exited
      await expect(fetch(url!)).rejects.toThrow()
    } finally {
      if (primary.exitCode === null) primary.kill('SIGKILL')
    }
  })
})
