import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeFileSource } from './file-source.js'

const dir = mkdtempSync(join(tmpdir(), 'bustapi-files-'))
const big = new Uint8Array(200_000).map((_, i) => i % 251)
writeFileSync(join(dir, 'big.bin'), big)
mkdirSync(join(dir, 'sub'))

async function bytes(body: ReadableStream<Uint8Array> | Blob): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer())
}

describe('nodeFileSource', () => {
  it('stats files and directories, and nothing for a missing path', async () => {
    expect(await nodeFileSource.stat(join(dir, 'big.bin'))).toMatchObject({
      isDirectory: false,
      size: 200_000,
    })
    expect(await nodeFileSource.stat(join(dir, 'sub'))).toMatchObject({ isDirectory: true })
    expect(await nodeFileSource.stat(join(dir, 'missing'))).toBeUndefined()
  })

  it('streams a whole file in chunks and exactly the span asked for', async () => {
    const path = join(dir, 'big.bin')
    const stream = (await nodeFileSource.open(path)) as ReadableStream<Uint8Array>
    const reader = stream.getReader()
    const first = await reader.read()
    expect(first.value?.length).toBe(64 * 1024)
    await reader.cancel()
    // Compared as Buffers: a deep equality over 200 000 numbers is slow.
    expect(Buffer.from(await bytes(await nodeFileSource.open(path))).equals(big)).toBe(true)
    const span = await bytes(await nodeFileSource.open(path, { start: 70_000, end: 140_000 }))
    expect(Buffer.from(span).equals(big.subarray(70_000, 140_001))).toBe(true)
  })
})
