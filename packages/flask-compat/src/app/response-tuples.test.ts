import { describe, expect, it } from 'vitest'
import { Flask, isResponseTuple, jsonify, make_response, tuple } from '../index.js'

// Python tells a tuple from a list; TypeScript has arrays only. Flask's answers below (3.1) are
// for the tuple or list each case stands for; the rule is in isResponseTuple's documentation.

function serve(view: () => unknown) {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.TESTING = true
  app.route('/', view as () => string)
  return app.test_client().get('/')
}

describe('arrays a view returns: response tuple or JSON list', () => {
  it.each([
    ['[1, 2]', () => [1, 2], '[1,2]\n'],
    ["['a', 7] (7 is no status)", () => ['a', 7], '["a",7]\n'],
    ['[null, 200]', () => [null, 200], '[null,200]\n'],
    ['[{name}, {name}]', () => [{ name: 'a' }, { name: 'b' }], '[{"name":"a"},{"name":"b"}]\n'],
    ['[1, 2, 3]', () => [1, 2, 3], '[1,2,3]\n'],
  ])('sends %s as a JSON list (a list in Flask)', async (_, view, body) => {
    const rv = await serve(view)
    expect([rv.status_code, rv.mimetype, rv.text]).toEqual([200, 'application/json', body])
  })

  // tests/test_basic.py::test_response_types
  it.each([
    ["['a', 201]", () => ['a', 201], 201, 'text/html', 'a', null],
    ['[{ id: 1 }, 201]', () => [{ id: 1 }, 201], 201, 'application/json', '{"id":1}\n', null],
    ['[[1, 2], 201]', () => [[1, 2], 201], 201, 'application/json', '[1,2]\n', null],
    ["['a', [['X-Foo', 'bar']]]", () => ['a', [['X-Foo', 'bar']]], 200, 'text/html', 'a', 'bar'],
    ["['a', { 'X-Foo': 'bar' }]", () => ['a', { 'X-Foo': 'bar' }], 200, 'text/html', 'a', 'bar'],
    ["['a', 404, { 'X-Foo': 'bar' }]", () => ['a', 404, { 'X-Foo': 'bar' }], 404, 'text/html', 'a', 'bar'],
    ["['a', '404 NOT FOUND']", () => ['a', '404 NOT FOUND'], 404, 'text/html', 'a', null],
  ])(
    'reads %s as a response tuple, as Flask reads the tuple',
    async (_, view, status, mimetype, body, foo) => {
      const rv = await serve(view)
      expect([rv.status_code, rv.mimetype, rv.text, rv.headers.get('x-foo')]).toEqual([
        status,
        mimetype,
        body,
        foo,
      ])
    },
  )

  it('takes tuple(...) as a response tuple whatever its contents: a dict body with headers', async () => {
    const rv = await serve(() => tuple({ id: 1 }, { 'X-Foo': 'bar' }))
    expect([rv.status_code, rv.text, rv.headers.get('x-foo')]).toEqual([200, '{"id":1}\n', 'bar'])
  })

  it("refuses a tuple(...) of another length, with Flask's message", async () => {
    const app = new Flask('flask_test', { static_folder: null })
    app.config.TESTING = true
    app.route('/', () => tuple<unknown>('a', 200, {}, 1) as never)
    await expect(app.test_client().get('/')).rejects.toThrow(/valid response tuple/)
  })

  it('sends jsonify([...]) as JSON whatever its shape', async () => {
    const rv = await serve(() => jsonify(['a', 200]))
    expect([rv.status_code, rv.text]).toEqual([200, '["a",200]\n'])
  })

  // tests/test_basic.py::test_make_response_with_response_instance: several arguments are a tuple
  it('treats several make_response arguments as a tuple (a dict body with headers too)', async () => {
    const app = new Flask('flask_test', { static_folder: null })
    const rv = await app.test_request_context(() => make_response({ a: 1 }, { 'X-Foo': 'bar' }))
    expect([rv.status_code, rv.get_data({ as_text: true }), rv.headers.get('x-foo')]).toEqual([
      200,
      '{"a":1}\n',
      'bar',
    ])
  })

  it('says which arrays it reads as tuples', () => {
    expect([isResponseTuple(['a', 200]), isResponseTuple([1, 2]), isResponseTuple(tuple(1, 2))]).toEqual([
      true,
      false,
      true,
    ])
  })
})
