/**
 * Jinja's built-in tests (`value is odd`, `value is defined` ...) as functions, reachable in every
 * template as `tests.name(value, ...args)`; apps add their own with `app.template_test`.
 */

function isMapping(value: unknown): boolean {
  return (
    value instanceof Map ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && !isIterable(value))
  )
}

function isIterable(value: unknown): boolean {
  return (
    typeof value === 'string' || (typeof value === 'object' && value !== null && Symbol.iterator in value)
  )
}

/**
 * Jinja's default tests, by name. `undefined` and `null` stand for Jinja's undefined and `None`.
 *
 * @example
 * DEFAULT_TESTS.divisibleby(9, 3) // true
 */
export const DEFAULT_TESTS = {
  defined: (value: unknown) => value !== undefined,
  undefined: (value: unknown) => value === undefined,
  none: (value: unknown) => value === null,
  boolean: (value: unknown) => typeof value === 'boolean',
  true: (value: unknown) => value === true,
  false: (value: unknown) => value === false,
  integer: (value: unknown) => typeof value === 'bigint' || Number.isInteger(value),
  float: (value: unknown) => typeof value === 'number' && !Number.isInteger(value),
  number: (value: unknown) => typeof value === 'number' || typeof value === 'bigint',
  string: (value: unknown) => typeof value === 'string',
  mapping: isMapping,
  iterable: isIterable,
  sequence: (value: unknown) => typeof value === 'string' || Array.isArray(value),
  callable: (value: unknown) => typeof value === 'function',
  sameas: (value: unknown, other: unknown) => Object.is(value, other),
  escaped: (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { __html__?: unknown }).__html__ === 'function',
  lower: (value: unknown) => typeof value === 'string' && value === value.toLowerCase(),
  upper: (value: unknown) => typeof value === 'string' && value === value.toUpperCase(),
  odd: (value: number) => Math.abs(value % 2) === 1,
  even: (value: number) => value % 2 === 0,
  divisibleby: (value: number, num: number) => value % num === 0,
  in: (value: unknown, seq: unknown) =>
    typeof seq === 'string'
      ? seq.includes(String(value))
      : seq instanceof Map || seq instanceof Set
        ? seq.has(value)
        : Array.isArray(seq)
          ? seq.includes(value)
          : typeof seq === 'object' && seq !== null && Object.hasOwn(seq, String(value)),
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  lt: (a: number, b: number) => a < b,
  le: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  ge: (a: number, b: number) => a >= b,
} as const satisfies Record<string, (value: never, ...args: never[]) => boolean>
