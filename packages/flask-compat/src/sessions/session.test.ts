import { describe, expect, it } from 'vitest'
import { createSession, isNullSession, NullSession, SecureCookieSession } from './session.js'
import { isTuple, Markup, taggedDumps, taggedLoads, tuple } from './tagged-json.js'

describe('the session object behaves as a Python dict', () => {
  it('reads and writes keys as properties and with brackets, and marks itself modified', () => {
    const s = new SecureCookieSession()
    expect(s.modified).toBe(false)
    s.user = 1
    s.name = 'ada'
    expect(s.user).toBe(1)
    expect(s.name).toBe('ada')
    expect(s.modified).toBe(true)
  })

  it('supports delete, in, Object.keys and JSON.stringify over data keys only', () => {
    const s = createSession({ a: 1, b: 2 })
    delete s.a
    expect('a' in s).toBe(false)
    expect('b' in s).toBe(true)
    expect('get' in s).toBe(false)
    expect(Object.keys(s)).toEqual(['b'])
    expect(JSON.stringify(s)).toBe('{"b":2}')
    expect({ ...s }).toEqual({ b: 2 })
  })

  it('has get, pop, setdefault, clear, update, keys, values and items', () => {
    const s = createSession({ a: 1 })
    expect(s.get('a')).toBe(1)
    expect(s.get('zz', 'fallback')).toBe('fallback')
    expect(s.modified).toBe(false)
    expect(s.setdefault('a', 9)).toBe(1)
    expect(s.modified).toBe(false)
    expect(s.setdefault('b', 2)).toBe(2)
    expect(s.modified).toBe(true)
    s.update({ c: 3 })
    expect(s.items()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ])
    expect(s.pop('a')).toBe(1)
    expect(s.pop('a', 'gone')).toBe('gone')
    expect(() => s.pop('a')).toThrow(/KeyError/)
    expect(s.keys()).toEqual(['b', 'c'])
    expect(s.values()).toEqual([2, 3])
    s.clear()
    expect(Object.keys(s)).toEqual([])
  })

  it('keeps permanent in the _permanent key, as Flask does', () => {
    const s = createSession()
    expect(s.permanent).toBe(false)
    s.permanent = true
    expect(s.toJSON()).toEqual({ _permanent: true })
    expect(s.permanent).toBe(true)
  })

  // flask tests/test_basic.py::test_session_accessed — reading marks accessed, not modified
  it('reading marks the session accessed but not modified', () => {
    const s = createSession({ value: '42' })
    expect(s.accessed).toBe(false)
    expect(s.value).toBe('42')
    expect(s.accessed).toBe(true)
    expect(s.modified).toBe(false)
  })

  it('treats a data key named like a method as data only through get()', () => {
    const s = createSession({ get: 'data' })
    expect(s.get('get')).toBe('data')
    expect(() => {
      ;(s as Record<string, unknown>).keys = 1
    }).toThrow(/session method/)
  })

  it('stores "__proto__" as data, never as the prototype', () => {
    const s = createSession(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>)
    expect(s.get('__proto__')).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  // flask tests/test_basic.py::test_missing_session
  it('the null session reads as empty and refuses writes with the secret key message', () => {
    const s = new NullSession()
    expect(s.get('missing_key')).toBeUndefined()
    expect(() => {
      s.foo = 42
    }).toThrow(/session is unavailable because no secret key was set/)
    expect(() => s.pop('foo')).toThrow(/session is unavailable/)
    expect(isNullSession(s)).toBe(true)
    expect(isNullSession(new SecureCookieSession())).toBe(false)
  })
})

describe("Flask's tagged JSON", () => {
  // flask tests/test_json_tag.py::test_dump_load_unchanged
  it.each<[string, unknown]>([
    ['tuple', tuple(1, 2, 3)],
    ['bytes', new Uint8Array([0xff])],
    ['date', new Date(Date.UTC(2020, 1, 3, 4, 5, 6))],
    ['tag-like dict', { ' t': 'not-a-tuple' }],
    ['dict with tagged key suffix', { ' t__': 'not-a-tuple' }],
    ['dict tag key', { ' di': 'not-a-dict' }],
    ['nested', { a: [tuple<unknown>('x', new Uint8Array([1]))], b: { c: 'd' } }],
  ])('round-trips %s', (_name, value) => {
    expect(taggedLoads(taggedDumps(value))).toEqual(value)
  })

  it('writes tuples with the " t" tag and decodes them as tuples', () => {
    expect(taggedDumps({ f: [tuple('message', 'hi')] })).toBe('{"f":[{" t":["message","hi"]}]}')
    expect(isTuple((taggedLoads('{" t":[1]}') as unknown[]) ?? [])).toBe(true)
  })

  // flask tests/test_json_tag.py::test_tag_interface (Markup via __html__)
  it('writes anything with __html__ as Markup and reads it back as Markup', () => {
    expect(taggedDumps(new Markup('<b>'))).toBe('{" m":"<b>"}')
    const back = taggedLoads('{" m":"<b>"}')
    expect(back).toBeInstanceOf(Markup)
    expect(String(back)).toBe('<b>')
  })

  it('sorts keys and escapes non-ASCII like json.dumps(sort_keys=True, ensure_ascii=True)', () => {
    expect(taggedDumps({ b: 'é', a: '☃\u007f' })).toBe('{"a":"\\u2603\\u007f","b":"\\u00e9"}')
  })

  it('decodes a UUID to its dashed string form', () => {
    expect(taggedLoads('{" u":"12345678123456781234567812345678"}')).toBe(
      '12345678-1234-5678-1234-567812345678',
    )
  })
})
