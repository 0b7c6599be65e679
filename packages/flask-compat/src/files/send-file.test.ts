import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HTTPException } from '@bustapi/core'
import { afterAll, describe, expect, it } from 'vitest'
import { contentDisposition } from './disposition.js'
import { safe_join } from './safe-join.js'
import { adler32, send_file, send_from_directory } from './send-file.js'

const dir = mkdtempSync(join(tmpdir(), 'bustapi-files-'))
const file = join(dir, 'hello.txt')
writeFileSync(file, 'Hello, World!')
utimesSync(file, 1_700_000_000, 1_700_000_000)
writeFileSync(join(dir, 'empty.bin'), '')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const req = (headers: Record<string, string> = {}, method = 'GET') =>
  new Request('http://localhost/f', { method, headers })
// werkzeug writes st_mtime as Python prints a float: `1700000000.0`
const etagOf = (path: string) =>
  `"${statSync(path).mtimeMs / 1000}.0-${statSync(path).size}-${adler32(path)}"`

async function status(p: Promise<Response>): Promise<number> {
  return p.then(
    (r) => r.status,
    (e: unknown) => (e instanceof HTTPException ? e.status : -1),
  )
}

describe('send_file', () => {
  // flask tests/test_helpers.py::TestSendfile::test_send_file
  it('sends a path with mimetype, length, Last-Modified, ETag, no-cache and inline disposition', async () => {
    const res = await send_file(file)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('Hello, World!')
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-length')).toBe('13')
    expect(res.headers.get('last-modified')).toBe('Tue, 14 Nov 2023 22:13:20 GMT')
    expect(res.headers.get('etag')).toBe(etagOf(file))
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('content-disposition')).toBe('inline; filename=hello.txt')
    // werkzeug announces Accept-Ranges only on 206 answers
    expect(res.headers.get('accept-ranges')).toBeNull()
  })

  it('computes the ETag checksum with adler32, as zlib does', () => {
    expect(adler32('hello')).toBe(103547413)
  })

  // flask tests/test_helpers.py::TestSendfile::test_send_file_as_attachment / werkzeug test_utils.py::test_non_ascii_name
  it.each([
    ['index.html', 'attachment; filename=index.html'],
    // werkzeug 3 and Debian's 2.2.2 agree: `/` is not a token character, so the ASCII fallback is quoted
    [
      'Ñandú／pingüino.txt',
      `attachment; filename="Nandu/pinguino.txt"; filename*=UTF-8''%C3%91and%C3%BA%EF%BC%8Fping%C3%BCino.txt`,
    ],
    ['те:/ст', `attachment; filename=":/"; filename*=UTF-8''%D1%82%D0%B5%3A%2F%D1%81%D1%82`],
    // werkzeug 3 percent-encodes `(` in filename* and never quotes it (2.2.2 differed here)
    ['(тест.txt', `attachment; filename="(.txt"; filename*=UTF-8''%28%D1%82%D0%B5%D1%81%D1%82.txt`],
    ['(test.txt', 'attachment; filename="(test.txt"'],
    ['a"b.txt', 'attachment; filename="a\\"b.txt"'],
    ["x'y.txt", "attachment; filename=x'y.txt"],
    ['日本.txt', "attachment; filename=.txt; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt"],
    ['Vögel.txt', "attachment; filename=Vogel.txt; filename*=UTF-8''V%C3%B6gel.txt"],
    ['Das Sümmchen.txt', `attachment; filename="Das Summchen.txt"; filename*=UTF-8''Das%20S%C3%BCmmchen.txt`],
    ['a b.txt', 'attachment; filename="a b.txt"'],
  ])('writes Content-Disposition for %s as werkzeug does', (name, expected) => {
    expect(contentDisposition(name, true)).toBe(expected)
  })

  // flask tests/test_helpers.py::TestSendfile::test_send_file_object_without_mimetype
  it('refuses bytes without a name or mimetype, and sends them with one', async () => {
    await expect(send_file(new Uint8Array([1]))).rejects.toThrow(/Unable to detect the MIME type/)
    const res = await send_file(new TextEncoder().encode('{"a":1}'), { download_name: 'a.json' })
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe('{"a":1}')
    const bin = await send_file(new Uint8Array([1]), { mimetype: 'application/x-custom' })
    expect(bin.headers.get('content-type')).toBe('application/x-custom')
  })

  it('falls back to application/octet-stream for unknown extensions', async () => {
    const res = await send_file(new Uint8Array([1]), { download_name: 'data.unknownext' })
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
  })

  it('streams a ReadableStream without a length or ranges', async () => {
    const stream = new Blob(['chunk']).stream()
    const res = await send_file(stream, { mimetype: 'text/plain', request: req({ range: 'bytes=0-1' }) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBeNull()
    expect(await res.text()).toBe('chunk')
  })

  // flask tests/test_helpers.py::TestSendfile::test_send_file_max_age / test_static_file
  it('sets public max-age and Expires when max_age is given', async () => {
    const res = await send_file(file, { max_age: 60 })
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    const expires = Date.parse(res.headers.get('expires') ?? '')
    expect(Math.abs(expires - (Date.now() + 60_000))).toBeLessThan(2000)
  })

  it('keeps no-cache beside max-age=0', async () => {
    expect((await send_file(file, { max_age: 0 })).headers.get('cache-control')).toBe('no-cache, max-age=0')
  })

  it.each([
    ['x.tar.gz', 'application/x-tar', 'gzip'],
    ['x.gz', 'application/octet-stream', 'gzip'],
    ['x.svgz', 'image/svg+xml; charset=utf-8', 'gzip'],
    ['x.txt.bz2', 'text/plain; charset=utf-8', 'bzip2'],
    ['x.PNG', 'image/png', null],
    ['x.js', 'text/javascript; charset=utf-8', null],
    ['x.json', 'application/json', null],
    ['x.svg', 'image/svg+xml; charset=utf-8', null],
  ])('guesses %s as %s with Content-Encoding %s, as Python mimetypes does', async (name, type, encoding) => {
    const res = await send_file(new Uint8Array([1]), { download_name: name })
    expect(res.headers.get('content-type')).toBe(type)
    expect(res.headers.get('content-encoding')).toBe(encoding)
  })

  it('leaves Content-Encoding off attachments so browsers keep the archive', async () => {
    const res = await send_file(new Uint8Array([1]), { download_name: 'x.tar.gz', as_attachment: true })
    expect(res.headers.get('content-encoding')).toBeNull()
  })

  // flask tests/test_helpers.py::TestSendfile::test_send_file_last_modified
  it('uses an explicit last_modified and a custom etag', async () => {
    const res = await send_file(file, { last_modified: new Date(Date.UTC(2020, 0, 1)), etag: 'custom' })
    expect(res.headers.get('last-modified')).toBe('Wed, 01 Jan 2020 00:00:00 GMT')
    expect(res.headers.get('etag')).toBe('"custom"')
  })

  // werkzeug tests/test_wrappers.py::test_conditional_response (If-None-Match)
  it('answers a matching If-None-Match with 304, no body and no entity headers', async () => {
    const res = await send_file(file, { request: req({ 'if-none-match': etagOf(file) }) })
    expect(res.status).toBe(304)
    expect(await res.text()).toBe('')
    expect(res.headers.get('etag')).toBe(etagOf(file))
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('content-disposition')).toBe('inline; filename=hello.txt')
    for (const name of ['content-type', 'content-length', 'last-modified'])
      expect(res.headers.get(name)).toBeNull()
  })

  it('matches any tag of an If-None-Match list', async () => {
    expect(
      (await send_file(file, { request: req({ 'if-none-match': `"a", ${etagOf(file)}` }) })).status,
    ).toBe(304)
  })

  // werkzeug's is_resource_modified: a strong If-Match hit means "modified", anything else 412
  it.each([
    ['"other"', 412],
    ['*', 412],
  ])('answers If-Match %s on a GET with %i and the body, as werkzeug does', async (tag, code) => {
    const res = await send_file(file, { request: req({ 'if-match': tag }) })
    expect(res.status).toBe(code)
    expect(await res.text()).toBe('Hello, World!')
  })

  it('answers If-Match with the current ETag with 200', async () => {
    expect((await send_file(file, { request: req({ 'if-match': etagOf(file) }) })).status).toBe(200)
  })

  it.each(['garbage', '1', '2023-11-14'])(
    'ignores an If-Modified-Since that is not an HTTP date (%s)',
    async (date) => {
      expect((await send_file(file, { request: req({ 'if-modified-since': date }) })).status).toBe(200)
    },
  )

  it('sets a Date header on conditional GETs', async () => {
    expect((await send_file(file, { request: req() })).headers.get('date')).not.toBeNull()
  })

  it('answers If-None-Match: * and weak matches with 304, other tags with 200', async () => {
    expect((await send_file(file, { request: req({ 'if-none-match': '*' }) })).status).toBe(304)
    expect((await send_file(file, { request: req({ 'if-none-match': `W/${etagOf(file)}` }) })).status).toBe(
      304,
    )
    expect((await send_file(file, { request: req({ 'if-none-match': '"other"' }) })).status).toBe(200)
  })

  it('answers If-Modified-Since at or after the mtime with 304, an older date with 200', async () => {
    expect(
      (await send_file(file, { request: req({ 'if-modified-since': 'Tue, 14 Nov 2023 22:13:20 GMT' }) }))
        .status,
    ).toBe(304)
    expect(
      (await send_file(file, { request: req({ 'if-modified-since': 'Tue, 14 Nov 2023 22:13:19 GMT' }) }))
        .status,
    ).toBe(200)
  })

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const res = await send_file(file, {
      request: req({ 'if-none-match': '"other"', 'if-modified-since': 'Tue, 14 Nov 2030 00:00:00 GMT' }),
    })
    expect(res.status).toBe(200)
  })

  it('ignores conditionals when conditional is false', async () => {
    const res = await send_file(file, {
      conditional: false,
      request: req({ 'if-none-match': '*', range: 'bytes=0-1' }),
    })
    expect(res.status).toBe(200)
  })

  // werkzeug tests/test_wrappers.py::test_range_request_basic / test_range_request_out_of_bound
  it.each([
    ['bytes=0-4', 'Hello', 'bytes 0-4/13'],
    ['bytes=7-', 'World!', 'bytes 7-12/13'],
    ['bytes=-6', 'World!', 'bytes 7-12/13'],
    ['bytes=7-100', 'World!', 'bytes 7-12/13'],
    ['bytes= 2 - 3', 'll', 'bytes 2-3/13'],
    ['BYTES=2-3', 'll', 'bytes 2-3/13'],
    ['bytes=-13', 'Hello, World!', 'bytes 0-12/13'],
    // werkzeug reads "-0" as the integer 0, so it selects the whole body
    ['bytes=-0', 'Hello, World!', 'bytes 0-12/13'],
  ])('answers Range %s with 206 and the slice', async (range, body, contentRange) => {
    for (const source of [file, new TextEncoder().encode('Hello, World!'), new Blob(['Hello, World!'])]) {
      const res = await send_file(source, { request: req({ range }), download_name: 'h.txt' })
      expect(res.status).toBe(206)
      expect(res.headers.get('content-range')).toBe(contentRange)
      expect(res.headers.get('content-length')).toBe(String(body.length))
      expect(res.headers.get('accept-ranges')).toBe('bytes')
      expect(await res.text()).toBe(body)
    }
  })

  it('lets a processable Range win over a matching If-None-Match', async () => {
    const res = await send_file(file, { request: req({ range: 'bytes=2-3', 'if-none-match': etagOf(file) }) })
    expect(res.status).toBe(206)
    expect(await res.text()).toBe('ll')
  })

  // werkzeug tests/test_wrappers.py::test_range_request_out_of_bound / test_range_request_with_complete_file
  it.each([
    'bytes=13-',
    'bytes=20-30',
    'bytes=5-2',
    'bytes=0-1,3-4',
    'items=0-1',
    'bytes=-20',
    'bytes=0-1,',
    'bytes=x-4',
    'bytes=',
    'bytes',
  ])(
    'answers an unsatisfiable or malformed Range (%s) with 416 and Content-Range: bytes */13',
    async (range) => {
      const error = await send_file(file, { request: req({ range }) }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HTTPException)
      expect((error as HTTPException).status).toBe(416)
      expect((error as HTTPException).headers.get('content-range')).toBe('bytes */13')
    },
  )

  // werkzeug tests/test_wrappers.py::test_range_request_with_if_range / test_etag_response_412
  it('honours If-Range: the current ETag or date gives 206, a stale one the full 200', async () => {
    const fresh = await send_file(file, { request: req({ range: 'bytes=0-4', 'if-range': etagOf(file) }) })
    expect(fresh.status).toBe(206)
    const byDate = await send_file(file, {
      request: req({ range: 'bytes=0-4', 'if-range': 'Tue, 14 Nov 2023 22:13:20 GMT' }),
    })
    expect(byDate.status).toBe(206)
    const stale = await send_file(file, { request: req({ range: 'bytes=0-4', 'if-range': '"stale"' }) })
    expect(stale.status).toBe(200)
    expect(await stale.text()).toBe('Hello, World!')
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await send_file(file, { request: req({}, 'HEAD') })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('13')
    expect(await res.text()).toBe('')
  })

  it('sends an empty file with length 0 and ignores a range on it, as werkzeug does', async () => {
    const res = await send_file(join(dir, 'empty.bin'))
    expect(res.headers.get('content-length')).toBe('0')
    const ranged = await send_file(join(dir, 'empty.bin'), { request: req({ range: 'bytes=0-' }) })
    expect(ranged.status).toBe(200)
    expect(await ranged.text()).toBe('')
  })

  it('resolves a relative path against root_path and uses the absolute path in the ETag', async () => {
    const res = await send_file('hello.txt', { root_path: dir })
    expect(await res.text()).toBe('Hello, World!')
    expect(res.headers.get('etag')).toBe(etagOf(file))
  })

  it('answers a missing path with 404', async () => {
    expect(await status(send_file(join(dir, 'nope.txt')))).toBe(404)
  })

  it('uses the current request from the core context when none is passed', async () => {
    const { App } = await import('@bustapi/core')
    const app = new App({ context: true })
    app.get('/f', () => send_file(file))
    const res = await app.request('/f', { headers: { range: 'bytes=0-4' } })
    expect(res.status).toBe(206)
    expect(await res.text()).toBe('Hello')
  })

  it('reads through an injected file system (no node:fs needed)', async () => {
    const bytes = new TextEncoder().encode('virtual file')
    const fs = {
      stat: async (p: string) =>
        p === '/v/a.txt' ? { isFile: true, size: bytes.length, mtime: 1_700_000_000 } : null,
      open: (_p: string, start: number, end: number) => new Blob([bytes.subarray(start, end + 1)]).stream(),
      cwd: () => '/v',
    }
    const res = await send_from_directory('.', 'a.txt', { fs, request: req({ range: 'bytes=0-6' }) })
    expect(res.status).toBe(206)
    expect(await res.text()).toBe('virtual')
    expect(res.headers.get('etag')).toBe(`"1700000000.0-12-${adler32('/v/a.txt')}"`)
    expect(await status(send_from_directory('.', '../a.txt', { fs }))).toBe(404)
  })

  it('streams a large file in chunks and reads only the requested span', async () => {
    const big = join(dir, 'big.bin')
    const data = new Uint8Array(300_000).map((_, i) => i % 251)
    writeFileSync(big, data)
    const whole = new Uint8Array(await (await send_file(big)).arrayBuffer())
    expect(whole).toEqual(data)
    const part = await send_file(big, { request: req({ range: 'bytes=100000-200001' }) })
    const got = new Uint8Array(await part.arrayBuffer())
    expect(got.length).toBe(100_002)
    expect(got).toEqual(data.subarray(100_000, 200_002))
  })

  it('refuses an attachment without a name', async () => {
    await expect(
      send_file(new Uint8Array([1]), { mimetype: 'text/plain', as_attachment: true }),
    ).rejects.toThrow(/No name provided for attachment/)
  })
})

describe('send_from_directory and safe_join', () => {
  // flask tests/test_helpers.py::TestSendfile::test_send_from_directory
  it('sends a file from inside the directory', async () => {
    const res = await send_from_directory(dir, 'hello.txt')
    expect(await res.text()).toBe('Hello, World!')
  })

  // flask tests/test_helpers.py::TestSendfile::test_send_from_directory_null_character / werkzeug test_security.py
  it.each([
    '../hello.txt',
    '/etc/passwd',
    'a/../../hello.txt',
    '..',
    'hello.txt\0.png',
    '..\\hello.txt',
    'C:/x',
    'missing.txt',
    '%2e%2e/hello.txt',
    '',
    '/',
    '../../../../etc/passwd',
    'sub/../../hello.txt',
  ])('answers %s with 404', async (path) => {
    expect(await status(send_from_directory(dir, path))).toBe(404)
  })

  it('answers a directory with 404', async () => {
    expect(await status(send_from_directory(dir, '.'))).toBe(404)
  })

  // werkzeug tests/test_security.py::test_safe_join
  it('joins like werkzeug and refuses what escapes', () => {
    expect(safe_join('foo', 'bar/baz')).toBe('foo/bar/baz')
    expect(safe_join('foo', 'bar/./baz')).toBe('foo/bar/baz')
    expect(safe_join('foo', 'bar/../baz')).toBe('foo/baz')
    expect(safe_join('foo', 'a', 'b')).toBe('foo/a/b')
    expect(safe_join('', 'a')).toBe('./a')
    expect(safe_join('foo', '../bar/baz')).toBeNull()
    expect(safe_join('foo', 'bar/../../baz')).toBeNull()
    expect(safe_join('foo', '/bar')).toBeNull()
    expect(safe_join('foo', 'bar', '..', '..')).toBeNull()
  })
})
