/** Raised by a converter's `to_python` to say "this rule does not match" (werkzeug's ValidationError). */
export class ValidationError extends Error {}

/** A URL converter: a regex for one variable, and conversions both ways (werkzeug's BaseConverter). */
export interface Converter {
  /** Regex source for the variable (no capture groups needed; they are ignored). */
  readonly regex: string
  /** Lower weight wins when two rules match the same URL (int: 50, string: 100, path: 200). */
  readonly weight?: number
  /** False when the value may contain `/` (as `path`). */
  readonly part_isolating?: boolean
  to_python(value: string): unknown
  to_url(value: unknown): string
}

/** A converter class as registered in `app.url_map.converters`: built with the rule's arguments. */
export type ConverterClass = new (args: unknown[], kwargs: Record<string, unknown>) => Converter

/** URL-quotes a value as werkzeug's converters do: path-segment characters (`/:@$&+,;=`) stay as they are. */
export function quoteSegment(value: string): string {
  return encodeURIComponent(value).replace(/%(24|26|2B|2C|2F|3A|3B|3D|40)/gi, (m) => decodeURIComponent(m))
}

const num = (v: unknown, d: number | null): number | null => (v === undefined || v === null ? d : Number(v))

/** `<name>` and `<string(minlength=1, maxlength=8, length=2):name>`: one segment without slashes. */
export class UnicodeConverter implements Converter {
  readonly regex: string
  readonly weight = 100
  constructor(_args: unknown[] = [], kw: Record<string, unknown> = {}) {
    const length = num(kw.length, null)
    const min = num(kw.minlength ?? _args[0], 1)
    const max = num(kw.maxlength ?? _args[1], null)
    this.regex = length !== null ? `[^/]{${length}}` : `[^/]{${min},${max ?? ''}}`
  }
  to_python(value: string): unknown {
    return value
  }
  to_url(value: unknown): string {
    return quoteSegment(String(value))
  }
}

/** `<path:name>`: like string but accepts slashes. */
export class PathConverter implements Converter {
  readonly regex = '[^/].*?'
  readonly weight = 200
  readonly part_isolating = false
  to_python(value: string): unknown {
    return value
  }
  to_url(value: unknown): string {
    return quoteSegment(String(value))
  }
}

/** `<any(about, help):page>`: one of the listed values. */
export class AnyConverter implements Converter {
  readonly regex: string
  readonly weight = 100
  readonly #items: string[]
  constructor(args: unknown[] = []) {
    this.#items = args.map(String)
    this.regex = `(?:${this.#items.map(escapeRegex).join('|')})`
  }
  to_python(value: string): unknown {
    return value
  }
  to_url(value: unknown): string {
    const v = String(value)
    if (!this.#items.includes(v)) {
      throw new ValidationError(`'${v}' is not one of ${this.#items.map((i) => `'${i}'`).join(', ')}`)
    }
    return quoteSegment(v)
  }
}

abstract class NumberConverter implements Converter {
  abstract readonly regex: string
  readonly weight = 50
  readonly fixed_digits: number
  readonly min: number | null
  readonly max: number | null
  readonly signed: boolean
  constructor(args: unknown[] = [], kw: Record<string, unknown> = {}) {
    this.fixed_digits = num(kw.fixed_digits ?? args[0], 0) ?? 0
    this.min = num(kw.min ?? args[1], null)
    this.max = num(kw.max ?? args[2], null)
    this.signed = Boolean(kw.signed ?? false)
  }
  protected abstract parse(value: string): number
  to_python(value: string): unknown {
    if (this.fixed_digits && value.length !== this.fixed_digits) throw new ValidationError()
    const n = this.parse(value)
    if ((this.min !== null && n < this.min) || (this.max !== null && n > this.max))
      throw new ValidationError()
    return n
  }
  to_url(value: unknown): string {
    const text = String(Number(value))
    return this.fixed_digits ? text.padStart(this.fixed_digits, '0') : text
  }
}

/** `<int:id>`, `<int(min=1, max=9, fixed_digits=4, signed=True):id>`: a whole number. */
export class IntegerConverter extends NumberConverter {
  get regex(): string {
    return this.signed ? '-?[0-9]+' : '[0-9]+'
  }
  protected parse(value: string): number {
    return Number.parseInt(value, 10)
  }
}

/** `<float:x>`: digits, a dot, digits (`1.5`; `1` does not match, as in werkzeug). */
export class FloatConverter extends NumberConverter {
  get regex(): string {
    return this.signed ? '-?[0-9]+\\.[0-9]+' : '[0-9]+\\.[0-9]+'
  }
  protected parse(value: string): number {
    return Number.parseFloat(value)
  }
  override to_url(value: unknown): string {
    const n = Number(value)
    return Number.isInteger(n) ? n.toFixed(1) : String(n)
  }
}

/** `<uuid:id>`: a UUID in its canonical 8-4-4-4-12 form, kept as a lower-case string. */
export class UUIDConverter implements Converter {
  readonly regex = '[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}'
  readonly weight = 100
  to_python(value: string): unknown {
    return value.toLowerCase()
  }
  to_url(value: unknown): string {
    return String(value)
  }
}

/** The converters every map starts with, by name (werkzeug's `DEFAULT_CONVERTERS`). */
export const DEFAULT_CONVERTERS: Record<string, ConverterClass> = {
  default: UnicodeConverter as ConverterClass,
  string: UnicodeConverter as ConverterClass,
  any: AnyConverter as unknown as ConverterClass,
  path: PathConverter as unknown as ConverterClass,
  int: IntegerConverter as ConverterClass,
  float: FloatConverter as ConverterClass,
  uuid: UUIDConverter as unknown as ConverterClass,
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
