import type { FileSource } from '@bustapi/core'
import { describe, expect, it } from 'vitest'
import { Flask } from '../app/flask.js'
import { send_from_directory } from './send-file.js'
import { sourceFileSystem } from './source-file-system.js'

const files: Record<string, string> = { '/static/a.txt': 'abcdefghij' }
const opened: string[] = []
const memory: FileSource = {
  stat: async (path) =>
    path in files ? { isDirectory: false, size: files[path]!.length, mtime: 1_700_000_000_000 } : undefined,
  open: (path, range) => {
    opened.push(`${path} ${range?.start}-${range?.end}`)
    const text = files[path]!
    return new Blob([range ? text.slice(range.start, range.end + 1) : text]).stream()
  },
}

describe('send_file over an adapter file source (the assets binding on Workers)', () => {
  it('reads paths under the root as the assets at the same relative path, and nothing outside it', async () => {
    const fs = sourceFileSystem(memory, '/app')
    expect(await fs.stat('/app/static/a.txt')).toEqual({ isFile: true, size: 10, mtime: 1_700_000_000 })
    expect(await fs.stat('/other/static/a.txt')).toBeNull()
    expect(await fs.stat('/app/static/missing.txt')).toBeNull()
    expect(await new Response(fs.open('/app/static/a.txt', 2, 4)).text()).toBe('cde')
    expect(opened.at(-1)).toBe('/static/a.txt 2-4')
  })

  it('serves a Flask static file with validators and ranges through it', async () => {
    const app = new Flask('app', { root_path: '/app' })
    const fs = sourceFileSystem(memory, '/app')
    app.get('/files/<path:name>', ({ name }) => send_from_directory('static', name, { fs }))
    const client = app.test_client()
    const whole = await client.get('/files/a.txt')
    expect([whole.status_code, whole.text]).toEqual([200, 'abcdefghij'])
    const etag = whole.headers.get('etag')!
    expect((await client.get('/files/a.txt', { headers: { 'if-none-match': etag } })).status_code).toBe(304)
    const part = await client.get('/files/a.txt', { headers: { range: 'bytes=5-' } })
    expect([part.status_code, part.text, part.headers.get('content-range')]).toEqual([
      206,
      'fghij',
      'bytes 5-9/10',
    ])
    expect((await client.get('/files/../secret')).status_code).toBe(404)
  })
})
