import { BadRequestKeyError } from '../exceptions.js'

/** The first value of a key (bracket access reads it from outside the class; set by its static block). */
let itemFor: (dict: object, key: string) => unknown
/** What `itemFor` answers for objects that only inherit from MultiDict (copies made by inspectors). */
const FOREIGN = Symbol('foreign')

/**
 * Werkzeug's `MultiDict`: several values per key; `get` gives the first, `getlist` all of them.
 *
 * @example
 * const args = new MultiDict([['tag', 'a'], ['tag', 'b']])
 * args.get('tag') // 'a'
 * args.getlist('tag') // ['a', 'b']
 * args.get('page', '1', Number) // 1
 */
export class MultiDict<V = string> {
  readonly #map = new Map<string, V[]>()

  constructor(entries: Iterable<readonly [string, V]> | Record<string, V | V[]> = []) {
    const list =
      Symbol.iterator in entries
        ? (entries as Iterable<readonly [string, V]>)
        : Object.entries(entries).flatMap(([k, v]) =>
            Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const],
          )
    for (const [k, v] of list) this.add(k, v)
  }

  /** The first value for `key`, else `default`; `type` converts it (a failing conversion gives `default`). */
  get(key: string): V | undefined
  get<D>(key: string, defaultValue: D): V | D
  get<T, D = undefined>(key: string, defaultValue: D, type: (value: V) => T): T | D
  get(key: string, defaultValue?: unknown, type?: (value: V) => unknown): unknown {
    const values = this.#map.get(key)
    if (values === undefined) return defaultValue
    if (type === undefined) return values[0]
    try {
      const out = type(values[0]!)
      return typeof out === 'number' && Number.isNaN(out) ? defaultValue : out
    } catch {
      return defaultValue
    }
  }

  /** Every value for `key` (an empty list when absent). */
  getlist<T = V>(key: string, type?: (value: V) => T): T[] {
    const values = this.#map.get(key) ?? []
    return type ? values.map(type) : (values as unknown as T[])
  }

  has(key: string): boolean {
    return this.#map.has(key)
  }
  add(key: string, value: V): void {
    const list = this.#map.get(key)
    if (list) list.push(value)
    else this.#map.set(key, [value])
  }
  set(key: string, value: V): void {
    this.#map.set(key, [value])
  }
  setlist(key: string, values: V[]): void {
    this.#map.set(key, [...values])
  }
  delete(key: string): boolean {
    return this.#map.delete(key)
  }
  pop(key: string, defaultValue?: V): V | undefined {
    const v = this.#map.get(key)
    this.#map.delete(key)
    return v === undefined ? defaultValue : v[0]
  }
  keys(): IterableIterator<string> {
    return this.#map.keys()
  }
  *values(): IterableIterator<V> {
    for (const v of this.#map.values()) yield v[0]!
  }
  /** Pairs `[key, firstValue]`, or every pair with `{ multi: true }`. */
  *items(options: { multi?: boolean } = {}): IterableIterator<[string, V]> {
    for (const [k, vs] of this.#map) {
      if (options.multi) for (const v of vs) yield [k, v]
      else yield [k, vs[0]!]
    }
  }
  get size(): number {
    return this.#map.size
  }
  /** A plain object: first values, or lists with `{ flat: false }`. */
  to_dict(options?: { flat?: true }): Record<string, V>
  to_dict(options: { flat: false }): Record<string, V[]>
  to_dict(options: { flat?: boolean } = {}): Record<string, V | V[]> {
    const out: Record<string, V | V[]> = {}
    for (const [k, vs] of this.#map) out[k] = options.flat === false ? [...vs] : vs[0]!
    return out
  }
  toJSON(): Record<string, V> {
    return this.to_dict()
  }
  [Symbol.iterator](): IterableIterator<string> {
    return this.#map.keys()
  }

  /**
   * werkzeug's `__getitem__`: the first value for `key`; a missing key is a 400
   * (`BadRequestKeyError`), so `request.form['name']` fails as a bad request, not a crash.
   */
  __getitem__(key: string): V {
    const values = this.#map.get(key)
    if (values === undefined) throw new BadRequestKeyError(key)
    return values[0]!
  }

  static {
    itemFor = (dict, key) => (#map in dict ? dict.#map.get(key)?.[0] : FOREIGN)
  }
}

/**
 * A MultiDict that also reads with brackets, as Python's `form['name']`: the first value, and a
 * missing key throws `BadRequestKeyError` (a 400). Methods and properties win over keys of the
 * same name (`form['get']` is the method; use `form.get('get')`). `request.args`, `form`, `files`
 * and `values` are typed this way.
 *
 * @example
 * const name: string = request.form['name']! // 400 when the field is missing
 */
export type IndexedMultiDict<V = string> = MultiDict<V> & { readonly [key: string]: V }

// Names that libraries probe on any object (promises, test matchers, React, inspectors): a
// missing one reads as undefined instead of a 400.
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'length'])

function isProbe(key: string): boolean {
  return PROBES.has(key) || key.startsWith('@@') || key.startsWith('$$') || key.startsWith('__')
}

// Bracket access without a Proxy around each instance: a Proxy sits at the end of the prototype
// chain, so methods resolve as usual (no cost) and only names nothing else has reach the trap.
const tail = new Proxy(Object.prototype, {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver)
    const value = itemFor(receiver, key)
    if (value === FOREIGN) return undefined
    if (value !== undefined || isProbe(key)) return value
    throw new BadRequestKeyError(key)
  },
})
Object.setPrototypeOf(MultiDict.prototype, tail)

/**
 * Several MultiDicts read as one (werkzeug's `CombinedMultiDict`), used for `request.values`.
 * @example new CombinedMultiDict([args, form]).get('q')
 */
export class CombinedMultiDict<V = string> extends MultiDict<V> {
  constructor(dicts: MultiDict<V>[]) {
    super()
    for (const d of dicts) for (const [k, v] of d.items({ multi: true })) this.add(k, v)
  }
}
