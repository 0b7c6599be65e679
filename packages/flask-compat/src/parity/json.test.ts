import { describe, expect, it } from 'vitest'
import { jsonify, request } from '../index.js'
import { makeApp } from './setup.js'

describe('JSON (tests/test_json.py)', () => {
  it('answers undecodable JSON with 400 (test_json_bad_requests)', async () => {
    const app = makeApp()
    app.route('/json', { methods: ['POST'] }, () => jsonify({ foo: String(request.get_json()) }))
    const rv = await app.test_client().post('/json', { data: 'malformed', content_type: 'application/json' })
    expect(rv.status_code).toBe(400)
  })

  it('answers an empty JSON body with 400 (test_bad_request_debug_message)', async () => {
    const app = makeApp()
    app.route('/json', { methods: ['POST'] }, () => jsonify(request.get_json()))
    const rv = await app.test_client().post('/json', { content_type: 'application/json' })
    expect(rv.status_code).toBe(400)
  })

  it('accepts +json mimetypes (test_json_custom_mimetypes)', async () => {
    const app = makeApp()
    app.route('/json', { methods: ['POST'] }, () => request.get_json() as string)
    const rv = await app.test_client().post('/json', { data: '"foo"', content_type: 'application/x+json' })
    expect(rv.text).toBe('foo')
  })

  it('answers get_json on a non-JSON content type with 415', async () => {
    const app = makeApp()
    app.route('/json', { methods: ['POST'] }, () => jsonify(request.get_json()))
    const rv = await app.test_client().post('/json', { data: '{"a":1}', content_type: 'text/plain' })
    expect(rv.status_code).toBe(415)
  })

  it('returns null for bad JSON with silent and parses any type with force', async () => {
    const app = makeApp()
    app.route('/silent', { methods: ['POST'] }, () =>
      jsonify({ v: request.get_json({ silent: true }) ?? null }),
    )
    app.route('/force', { methods: ['POST'] }, () => jsonify({ v: request.get_json({ force: true }) }))
    const client = app.test_client()
    expect(
      (await client.post('/silent', { data: '{bad', content_type: 'application/json' })).get_json(),
    ).toEqual({ v: null })
    expect((await client.post('/force', { data: '{"a":1}', content_type: 'text/plain' })).get_json()).toEqual(
      { v: { a: 1 } },
    )
  })

  it.each([0, -1, 1, 23, 3.14, 's', 'longer string', true, false, null])(
    'jsonifies %j as application/json (test_jsonify_basic_types)',
    async (value) => {
      const app = makeApp()
      app.add_url_rule('/x', 'x', () => jsonify(value))
      const rv = await app.test_client().get('/x')
      expect(rv.mimetype).toBe('application/json')
      expect(rv.get_json()).toEqual(value)
    },
  )

  const d = {
    a: 0,
    b: 23,
    c: 3.14,
    d: 't',
    e: 'Hi',
    f: true,
    g: false,
    h: ['test list', 10, false],
    i: { test: 'dict' },
  }

  it('jsonifies a dict and a returned object alike (test_jsonify_dicts)', async () => {
    const app = makeApp()
    app.route('/dict', () => jsonify(d))
    app.route('/return', () => d)
    const client = app.test_client()
    for (const url of ['/dict', '/return']) {
      const rv = await client.get(url)
      expect(rv.mimetype).toBe('application/json')
      expect(rv.get_json()).toEqual(d)
    }
  })

  it('jsonifies arguments as an array (test_jsonify_arrays)', async () => {
    const list = [0, 42, 3.14, 't', 'hello', true, false, ['test list', 2, false], { test: 'dict' }]
    const app = makeApp()
    app.route('/args', () => jsonify(...list))
    app.route('/array', () => jsonify(list))
    const client = app.test_client()
    expect((await client.get('/args')).get_json()).toEqual(list)
    expect((await client.get('/array')).get_json()).toEqual(list)
  })

  it('writes compact, key-sorted, ASCII-only JSON with a trailing newline, byte for byte as Flask 2.2.2', async () => {
    const app = makeApp()
    app.route('/', () => jsonify({ b: 1, a: [1, 2.5, null, true], c: 'ü<' }))
    expect((await app.test_client().get('/')).text).toBe('{"a":[1,2.5,null,true],"b":1,"c":"\\u00fc<"}\n')
  })

  // Flask accepts keys sorted as integers or as strings; JS objects keep integer keys in numeric order
  it('sorts keys as integers or as strings (test_json_key_sorting)', async () => {
    const app = makeApp()
    const values = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i), 'foo']))
    app.route('/', () => jsonify({ values }))
    const text = (await app.test_client().get('/')).text
    const keys = [...text.matchAll(/"(\d+)"/g)].map((m) => m[1])
    const byInt = Array.from({ length: 20 }, (_, i) => String(i))
    expect([byInt, [...byInt].sort()]).toContainEqual(keys)
  })

  it('pretty-prints with JSONIFY_PRETTYPRINT_REGULAR-like debug off (test_jsonify_no_prettyprint)', async () => {
    const app = makeApp()
    app.route('/', () => jsonify({ msg: { submsg: 'W00t' }, msg2: 'foobar' }))
    expect((await app.test_client().get('/')).text).toBe('{"msg":{"submsg":"W00t"},"msg2":"foobar"}\n')
  })

  it('serialises Date as an HTTP date (test_jsonify_datetime)', async () => {
    const app = makeApp()
    app.route('/', () => jsonify({ value: new Date(Date.UTC(1973, 2, 11, 6, 30, 45)) }))
    expect((await app.test_client().get('/')).get_json()).toEqual({ value: 'Sun, 11 Mar 1973 06:30:45 GMT' })
  })
})
