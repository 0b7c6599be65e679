import * as v from 'valibot'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  FastAPI,
  File,
  Form,
  fileBytes,
  filesBytes,
  HTMLResponse,
  TestClient,
  type UploadFile,
  uploadFiles,
} from '../index.js'
import { upstreamOpenAPI } from './upstream.js'

// Ported from fastapi/fastapi docs_src/request_forms/*, request_files/*, request_forms_and_files/*
// with their tests in tests/test_tutorial/.

const missing = (name: string) => ({
  type: 'missing',
  loc: ['body', name],
  msg: 'Field required',
  input: null,
})

describe('request_forms tutorial001', () => {
  const app = new FastAPI()
  app.post(
    '/login/',
    { params: { username: Form(v.string()), password: Form(v.string()) } },
    async function login({ username }) {
      return { username }
    },
  )
  const client = new TestClient(app)

  it('test_post_body_form', async () => {
    const res = await client.post('/login/', { data: { username: 'Foo', password: 'secret' } })
    expect(res.json()).toEqual({ username: 'Foo' })
  })

  it('test_post_body_form_no_password / no_username / no_data', async () => {
    expect((await client.post('/login/', { data: { username: 'Foo' } })).json()).toEqual({
      detail: [missing('password')],
    })
    expect((await client.post('/login/', { data: { password: 'secret' } })).json()).toEqual({
      detail: [missing('username')],
    })
    expect((await client.post('/login/')).json()).toEqual({
      detail: [missing('username'), missing('password')],
    })
  })

  it('test_post_body_json: JSON is not a form', async () => {
    const res = await client.post('/login/', { json: { username: 'Foo', password: 'secret' } })
    expect(res.status_code).toBe(422)
    expect(res.json()).toEqual({ detail: [missing('username'), missing('password')] })
  })

  it('multipart forms are forms too', async () => {
    const res = await client.post('/login/', {
      data: { username: 'Foo', password: 'secret' },
      files: { extra: ['x.txt', 'x'] },
    })
    expect(res.json()).toEqual({ username: 'Foo' })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('request_forms', 'tutorial001'))
  })
})

describe('request_files tutorial001: bytes and UploadFile', () => {
  const app = new FastAPI()
  app.post('/files/', { params: { file: File(fileBytes) } }, async function create_file({ file }) {
    expectTypeOf(file).toEqualTypeOf<Uint8Array>()
    return { file_size: file.length }
  })
  app.post('/uploadfile/', { params: { file: File() } }, async function create_upload_file({ file }) {
    expectTypeOf(file).toEqualTypeOf<UploadFile>()
    return { filename: file.filename }
  })
  const client = new TestClient(app)

  it('test_post_form_no_body / test_post_body_json', async () => {
    expect((await client.post('/files/')).json()).toEqual({ detail: [missing('file')] })
    expect((await client.post('/files/', { json: { file: 'Foo' } })).json()).toEqual({
      detail: [missing('file')],
    })
  })

  it('test_post_file / test_post_large_file', async () => {
    expect(
      (await client.post('/files/', { files: { file: ['test.txt', '<file content>'] } })).json(),
    ).toEqual({
      file_size: 14,
    })
    const big = 'x'.repeat(2 ** 16 + 1)
    expect((await client.post('/files/', { files: { file: ['test.txt', big] } })).json()).toEqual({
      file_size: 2 ** 16 + 1,
    })
  })

  it('test_post_upload_file', async () => {
    const res = await client.post('/uploadfile/', { files: { file: ['test.txt', '<file content>'] } })
    expect(res.json()).toEqual({ filename: 'test.txt' })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('request_files', 'tutorial001'))
  })
})

describe('request_files tutorial002: several files under one name', () => {
  const app = new FastAPI()
  app.post('/files/', { params: { files: File(filesBytes) } }, async function create_files({ files }) {
    return { file_sizes: files.map((f) => f.length) }
  })
  app.post(
    '/uploadfiles/',
    { params: { files: File(uploadFiles) } },
    async function create_upload_files({ files }) {
      return { filenames: files.map((f) => f.filename) }
    },
  )
  app.get('/', async function main() {
    return new HTMLResponse(
      '<body><form action="/files/" enctype="multipart/form-data" method="post"></form></body>',
    )
  })
  const client = new TestClient(app)
  const two = {
    files: [
      ['test.txt', '<file content>'],
      ['test2.txt', '<file content2>'],
    ] as Array<[string, string]>,
  }

  it('test_post_form_no_body / test_post_body_json', async () => {
    expect((await client.post('/files/')).json()).toEqual({ detail: [missing('files')] })
    expect((await client.post('/files/', { json: { file: 'Foo' } })).json()).toEqual({
      detail: [missing('files')],
    })
  })

  it('test_post_files / test_post_upload_file', async () => {
    expect((await client.post('/files/', { files: two })).json()).toEqual({ file_sizes: [14, 15] })
    expect((await client.post('/uploadfiles/', { files: two })).json()).toEqual({
      filenames: ['test.txt', 'test2.txt'],
    })
  })

  it('test_get_root', async () => {
    expect((await client.get('/')).text).toContain('<form')
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('request_files', 'tutorial002'))
  })
})

describe('request_forms_and_files tutorial001', () => {
  const app = new FastAPI()
  app.post(
    '/files/',
    { params: { file: File(fileBytes), fileb: File(), token: Form(v.string()) } },
    async function create_file({ file, fileb, token }) {
      return { file_size: file.length, token, fileb_content_type: fileb.content_type }
    },
  )
  const client = new TestClient(app)

  it('test_post_form_no_body / test_post_form_no_file / test_post_body_json', async () => {
    expect((await client.post('/files/')).json()).toEqual({
      detail: [missing('file'), missing('fileb'), missing('token')],
    })
    expect((await client.post('/files/', { data: { token: 'foo' } })).json()).toEqual({
      detail: [missing('file'), missing('fileb')],
    })
    expect((await client.post('/files/', { json: { file: 'Foo', token: 'Bar' } })).json()).toEqual({
      detail: [missing('file'), missing('fileb'), missing('token')],
    })
  })

  it('test_post_file_no_token', async () => {
    const res = await client.post('/files/', {
      files: { file: ['test.txt', '<file content>'], fileb: ['testb.txt', '<file b content>', 'text/plain'] },
    })
    expect(res.json()).toEqual({ detail: [missing('token')] })
  })

  it('test_post_files_and_token', async () => {
    const res = await client.post('/files/', {
      data: { token: 'foo' },
      files: { file: ['test.txt', '<file content>'], fileb: ['testb.txt', '<file b content>', 'text/plain'] },
    })
    expect(res.json()).toEqual({ file_size: 14, token: 'foo', fileb_content_type: 'text/plain' })
  })

  it('test_openapi_schema', () => {
    expect(app.openapi()).toEqual(upstreamOpenAPI('request_forms_and_files', 'tutorial001'))
  })
})
