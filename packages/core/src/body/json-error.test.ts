import { describe, expect, it } from 'vitest'
import { locateJsonError } from './json-error.js'

// Each row is what CPython 3.11's json.loads reports (JSONDecodeError.pos and .msg) for the text.
const cases: [string, number, string][] = [
  ['', 0, 'Expecting value'],
  [' ', 1, 'Expecting value'],
  ['{"a":', 5, 'Expecting value'],
  ['{"a"', 4, "Expecting ':' delimiter"],
  ['[1', 2, "Expecting ',' delimiter"],
  ['{', 1, 'Expecting property name enclosed in double quotes'],
  ['[1,]', 3, 'Expecting value'],
  ['{"a":1,}', 7, 'Expecting property name enclosed in double quotes'],
  ['{"a":}', 5, 'Expecting value'],
  ['{} x', 3, 'Extra data'],
  ['01', 1, 'Extra data'],
  ['1.', 1, 'Extra data'],
  ['-', 0, 'Expecting value'],
  ['nul', 0, 'Expecting value'],
  ['"ab', 0, 'Unterminated string starting at'],
  ['"a\\x"', 2, 'Invalid \\escape'],
  ['"a\\u12g4"', 3, 'Invalid \\uXXXX escape'],
  ['"a\x01"', 2, 'Invalid control character at'],
  ['[1 2]', 3, "Expecting ',' delimiter"],
  ['{"a" 1}', 5, "Expecting ':' delimiter"],
  ['{1:2}', 1, 'Expecting property name enclosed in double quotes'],
  ['{"a":1 "b":2}', 7, "Expecting ',' delimiter"],
  ['["😀", x]', 6, 'Expecting value'],
  ['[,]', 1, 'Expecting value'],
  ['{,}', 1, 'Expecting property name enclosed in double quotes'],
  ['[1,,2]', 3, 'Expecting value'],
  ['{"a":1,"b"}', 10, "Expecting ':' delimiter"],
  ['[1]]', 3, 'Extra data'],
  ['tru', 0, 'Expecting value'],
  ['1e', 1, 'Extra data'],
  ['-01', 2, 'Extra data'],
  ['[-]', 1, 'Expecting value'],
]

describe('locateJsonError', () => {
  it.each(cases)('places the error in %j where Python does (%i: %s)', (text, position, message) => {
    expect(locateJsonError(text)).toEqual({ position, message })
  })

  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]} ', '"s"', '0']) {
      expect(locateJsonError(text)).toBeUndefined()
    }
  })

  it('survives hostile nesting without overflowing the stack', () => {
    expect(locateJsonError('['.repeat(1_000_000))).toEqual({
      position: 1_000_000,
      message: 'Expecting value',
    })
  })
})
