import { describe, expect, it } from 'vitest'
import { Flask, request } from '../index.js'
import { UNBOUNDED_FALLBACK } from '../internal/body.js'

// Every status here was compared with Flask 3.1 / werkzeug 3.1 sending the same body, except the
// fallback bounds for MAX_CONTENT_LENGTH=None, which are this layer's (werkzeug has none there).

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true })
  app.route('/data', { methods: ['POST'] }, () => String(request.get_data().byteLength))
  app.route('/form', { methods: ['POST'] }, () => String(request.form.size))
  app.route('/file', { methods: ['POST'] }, () => String(request.files.get('up')?.read().byteLength ?? -1))
  return app
}

const URLENCODED = 'application/x-www-form-urlencoded'
const fields = (n: number, value = '1') => Array.from({ length: n }, (_, i) => `a${i}=${value}`).join('&')
const multipart = (n: number, value = '1') => {
  const form = new FormData()
  for (let i = 0; i < n; i++) form.append(`a${i}`, value)
  return form
}

describe('body limits from Flask config (MAX_CONTENT_LENGTH, MAX_FORM_MEMORY_SIZE, MAX_FORM_PARTS)', () => {
  it('reads a 2 MiB JSON body with the default config (no 1 MiB cap)', async () => {
    const body = JSON.stringify(Array.from({ length: 2100 }, () => 'x'.repeat(1000)))
    const rv = await makeApp().test_client().post('/data', { data: body, content_type: 'application/json' })
    expect([rv.status_code, rv.text]).toEqual([200, String(body.length)])
  })

  it('still bounds a raw body when MAX_CONTENT_LENGTH is None (the in-memory fallback)', async () => {
    const body = new Uint8Array(UNBOUNDED_FALLBACK.raw + 1)
    const rv = await makeApp()
      .test_client()
      .post('/data', { data: body, content_type: 'application/octet-stream' })
    expect(rv.status_code).toBe(413)
  })

  it('holds an urlencoded body as a whole to MAX_FORM_MEMORY_SIZE (500 kB), not its field count', async () => {
    const client = makeApp().test_client()
    const post = (data: string) => client.post('/form', { data, content_type: URLENCODED })
    expect((await post(fields(10, 'x'.repeat(60_000)))).status_code).toBe(413)
    expect((await post(fields(10, 'x'.repeat(40_000)))).text).toBe('10')
    expect((await post(fields(1001))).text).toBe('1001')
  })

  it('holds a multipart text field to MAX_FORM_MEMORY_SIZE and parts to MAX_FORM_PARTS (1000)', async () => {
    const client = makeApp().test_client()
    expect((await client.post('/form', { data: multipart(1, 'x'.repeat(600_000)) })).status_code).toBe(413)
    expect((await client.post('/form', { data: multipart(1000) })).text).toBe('1000')
    expect((await client.post('/form', { data: multipart(1001) })).status_code).toBe(413)
  })

  it('takes a multipart file larger than MAX_FORM_MEMORY_SIZE (files are not fields)', async () => {
    const rv = await makeApp()
      .test_client()
      .post('/file', { data: { up: [new Blob([new Uint8Array(12 * 1024 * 1024)]), 'a.bin'] } })
    expect(rv.text).toBe(String(12 * 1024 * 1024))
  })

  it('applies MAX_CONTENT_LENGTH to every kind of body', async () => {
    const app = makeApp()
    app.config.MAX_CONTENT_LENGTH = 100
    const client = app.test_client()
    const json = await client.post('/data', { data: 'x'.repeat(200), content_type: 'application/json' })
    const form = await client.post('/form', { data: `a=${'x'.repeat(200)}`, content_type: URLENCODED })
    const parts = await client.post('/form', { data: multipart(1, 'x'.repeat(200)) })
    expect([json.status_code, form.status_code, parts.status_code]).toEqual([413, 413, 413])
    expect(
      (await client.post('/data', { data: 'x'.repeat(50), content_type: 'application/json' })).text,
    ).toBe('50')
  })

  it('drops the form bounds when MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS are None', async () => {
    const app = makeApp()
    app.config.update({ MAX_FORM_MEMORY_SIZE: null, MAX_FORM_PARTS: null })
    const client = app.test_client()
    const post = (data: string) => client.post('/form', { data, content_type: URLENCODED })
    expect((await post(fields(10, 'x'.repeat(60_000)))).text).toBe('10')
    expect((await post(fields(2000))).text).toBe('2000')
    expect((await client.post('/form', { data: multipart(1500) })).text).toBe('1500')
    app.config.MAX_FORM_PARTS = 3
    expect((await client.post('/form', { data: multipart(4) })).status_code).toBe(413)
  })
})
