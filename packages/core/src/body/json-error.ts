/** Where and why a JSON text fails to parse. */
export interface JsonErrorLocation {
  /** Offset in characters (Unicode code points) from the start of the text. */
  position: number
  /** What the parser expected there, in Python's `json` wording: 'Expecting value', 'Extra data'... */
  message: string
}

const ARRAY = 0
const OBJECT = 1
const EXPECTING_KEY = 'Expecting property name enclosed in double quotes'

/**
 * Finds the first syntax error in a JSON text, or `undefined` when it is valid. Runs only after
 * `JSON.parse` failed: engines word (and place) their errors differently, and V8 often gives no
 * position at all, so the offset is recomputed here the way Python's `json` reports it.
 * Iterative (an explicit stack), so hostile nesting cannot overflow the call stack.
 *
 * @example
 * locateJsonError('{"a":}') // { position: 5, message: 'Expecting value' }
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const n = text.length
  const stack: number[] = []
  let i = 0
  const skip = () => {
    while (i < n) {
      const ch = text.charCodeAt(i)
      if (ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) break
      i++
    }
  }
  const fail = (at: number, message: string): JsonErrorLocation => ({
    position: codePointOffset(text, at),
    message,
  })
  // Parses an object key and its ':'; `i` is at the opening quote.
  const key = (): JsonErrorLocation | undefined => {
    const end = scanString(text, i)
    if (typeof end !== 'number') return fail(end.at, end.message)
    i = end
    skip()
    if (text.charCodeAt(i) !== 0x3a) return fail(i, "Expecting ':' delimiter")
    i++
    return undefined
  }

  for (;;) {
    // A value starts at `i` (after whitespace).
    skip()
    const ch = text.charCodeAt(i)
    if (ch === 0x7b /* { */) {
      i++
      skip()
      if (text.charCodeAt(i) === 0x7d) i++
      else if (text.charCodeAt(i) !== 0x22) return fail(i, EXPECTING_KEY)
      else {
        const error = key()
        if (error) return error
        stack.push(OBJECT)
        continue
      }
    } else if (ch === 0x5b /* [ */) {
      i++
      skip()
      if (text.charCodeAt(i) === 0x5d) i++
      else {
        stack.push(ARRAY)
        continue
      }
    } else if (ch === 0x22 /* " */) {
      const end = scanString(text, i)
      if (typeof end !== 'number') return fail(end.at, end.message)
      i = end
    } else if (text.startsWith('null', i) || text.startsWith('true', i)) i += 4
    else if (text.startsWith('false', i)) i += 5
    else {
      const end = scanNumber(text, i)
      if (end === i) return fail(i, 'Expecting value')
      i = end
    }

    // A value ended: close containers, or move to the next element.
    let next = false
    while (!next) {
      skip()
      const top = stack[stack.length - 1]
      if (top === undefined) return i === n ? undefined : fail(i, 'Extra data')
      const c = text.charCodeAt(i)
      if (c === (top === ARRAY ? 0x5d : 0x7d)) {
        stack.pop()
        i++
      } else if (c === 0x2c /* , */) {
        i++
        if (top === OBJECT) {
          skip()
          if (text.charCodeAt(i) !== 0x22) return fail(i, EXPECTING_KEY)
          const error = key()
          if (error) return error
        }
        next = true
      } else return fail(i, "Expecting ',' delimiter")
    }
  }
}

/** The end of the string starting at `start` (a quote), or where and why it is invalid. */
function scanString(text: string, start: number): number | { at: number; message: string } {
  const n = text.length
  let i = start + 1
  while (i < n) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22) return i + 1
    if (ch < 0x20) return { at: i, message: 'Invalid control character at' }
    if (ch === 0x5c /* \ */) {
      const esc = text[i + 1]
      if (esc === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { at: i + 1, message: 'Invalid \\uXXXX escape' }
        i += 6
        continue
      }
      if (esc === undefined) break
      if (!'"\\/bfnrt'.includes(esc)) return { at: i, message: 'Invalid \\escape' }
      i += 2
      continue
    }
    i++
  }
  return { at: start, message: 'Unterminated string starting at' }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y

/** The end of the number starting at `start`, or `start` when there is none. */
function scanNumber(text: string, start: number): number {
  NUMBER.lastIndex = start
  return NUMBER.test(text) ? NUMBER.lastIndex : start
}

/** Converts a UTF-16 offset to a count of code points (what Python and users call characters). */
function codePointOffset(text: string, offset: number): number {
  let points = offset
  for (let i = 0; i < offset - 1; i++) {
    const ch = text.charCodeAt(i)
    if (ch >= 0xd800 && ch <= 0xdbff) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        points--
        i++
      }
    }
  }
  return points
}
