import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type JsonSchema, rawJsonSchema, type SchemaMode, titleCase } from './json-schema.js'

/** The prefix of every reference into the document's named schemas. */
export const REF_PREFIX = '#/components/schemas/'

// References are written with the mode attached and resolved once every model is known, so that a
// model whose request and response forms differ becomes `Item-Input` / `Item-Output` as in FastAPI.
const MODE_MARK = '\u0000'

interface Named {
  schema: JsonSchema
  json: string
}

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether a schema is only a reference (pydantic gives those no title). */
export const isBareRef = (schema: JsonSchema): boolean =>
  typeof schema.$ref === 'string' && Object.keys(schema).length === 1

/** A model reference, maybe nullable: pydantic gives such fields no title of their own. */
function isModelRef(schema: JsonSchema): boolean {
  if (isBareRef(schema)) return true
  const anyOf = schema.anyOf
  return (
    Array.isArray(anyOf) &&
    anyOf.length === 2 &&
    anyOf.some((s) => isObject(s) && isBareRef(s)) &&
    anyOf.some((s) => isObject(s) && s.type === 'null' && Object.keys(s).length === 1)
  )
}

/**
 * Collects the named models of one OpenAPI document: converts schemas, hoists every named model
 * (a titled object schema, a zod `.meta({ id })`, or an explicit `name`) into `components/schemas`
 * and answers `$ref`s to it, adds pydantic-style property titles.
 *
 * @example
 * const registry = new SchemaRegistry()
 * registry.schema(Item) // { $ref: '#/components/schemas/Item' }
 * registry.definitions() // { Item: { title: 'Item', type: 'object', ... } }
 */
export class SchemaRegistry {
  readonly #models = new Map<string, Partial<Record<SchemaMode, Named>>>()
  readonly #fixed = new Map<string, JsonSchema>()
  readonly #cache = new Map<SchemaMode, WeakMap<object, string>>([
    ['input', new WeakMap()],
    ['output', new WeakMap()],
  ])

  /**
   * The JSON Schema of a Standard Schema, named models replaced by `$ref`s.
   * @example
   * registry.schema(v.number(), { mode: 'input' }) // { type: 'number' }
   */
  schema(schema: StandardSchemaV1, options: { mode?: SchemaMode; name?: string } = {}): JsonSchema {
    const mode = options.mode ?? 'input'
    const cache = this.#cache.get(mode) as WeakMap<object, string>
    const key = options.name === undefined ? schema : undefined
    const cached = key && cache.get(key)
    if (cached) return JSON.parse(cached) as JsonSchema
    const raw = rawJsonSchema(schema, mode)
    if (options.name !== undefined && raw.title === undefined) raw.title = options.name
    const out = this.#normalize(raw, mode, options.name !== undefined)
    if (key) cache.set(key, JSON.stringify(out))
    return out
  }

  /**
   * Adds a fixed named schema (the `Body_*` models, `HTTPValidationError`) and answers a `$ref` to it.
   * @example
   * registry.define('Body_login_login_post', { title: 'Body_login_login_post', type: 'object' })
   */
  define(name: string, schema: JsonSchema): JsonSchema {
    this.#fixed.set(name, schema)
    return { $ref: REF_PREFIX + name }
  }

  /** Every named schema, sorted by name as FastAPI sorts them, with references resolved. */
  definitions(): Record<string, JsonSchema> {
    const all: Record<string, JsonSchema> = {}
    for (const [name, forms] of this.#models) {
      for (const [mode, named] of Object.entries(forms) as Array<[SchemaMode, Named]>)
        all[this.#finalName(name, mode)] = named.schema
    }
    for (const [name, schema] of this.#fixed) all[name] = schema
    const sorted: Record<string, JsonSchema> = {}
    for (const name of Object.keys(all).sort()) sorted[name] = all[name] as JsonSchema
    return this.resolve(sorted)
  }

  /**
   * Rewrites the mode-marked references inside any part of the document to their final names.
   * @example
   * const paths = registry.resolve(rawPaths)
   */
  resolve<T>(value: T): T {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item)) as T
    if (!isObject(value)) return value
    const out: JsonSchema = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.includes(MODE_MARK)) {
        const [name, mode] = v.slice(REF_PREFIX.length).split(MODE_MARK) as [string, SchemaMode]
        out[k] = REF_PREFIX + this.#finalName(name, mode)
      } else out[k] = this.resolve(v)
    }
    return out as T
  }

  #finalName(name: string, mode: SchemaMode): string {
    const forms = this.#models.get(name)
    if (forms?.input && forms.output && forms.input.json !== forms.output.json)
      return `${name}-${mode === 'input' ? 'Input' : 'Output'}`
    return name
  }

  #register(name: string, mode: SchemaMode, schema: JsonSchema): JsonSchema {
    const json = JSON.stringify(schema)
    let finalName = name
    // Two different models under one name: later ones get a numbered name rather than overwriting.
    for (let n = 2; ; n++) {
      const existing = this.#models.get(finalName)?.[mode]
      if (!existing || existing.json === json) break
      finalName = `${name}${n}`
    }
    const forms = this.#models.get(finalName) ?? {}
    forms[mode] = { schema, json }
    this.#models.set(finalName, forms)
    return { $ref: `${REF_PREFIX}${finalName}${MODE_MARK}${mode}` }
  }

  #normalize(node: JsonSchema, mode: SchemaMode, forceName: boolean): JsonSchema {
    const defs = node.$defs
    const { $defs: _defs, ...rest } = node
    if (isObject(defs)) {
      for (const [name, def] of Object.entries(defs)) {
        if (!isObject(def)) continue
        const body = this.#walk(def, mode, false)
        if (body.title === undefined) body.title = name
        this.#register(name, mode, body)
      }
    }
    const walked = this.#walk(rest, mode)
    if (forceName && typeof walked.title === 'string' && !isBareRef(walked))
      return this.#register(walked.title, mode, walked)
    return walked
  }

  /** Converts one node bottom-up, hoisting titled object schemas (models). */
  #walk(node: JsonSchema, mode: SchemaMode, hoist = true): JsonSchema {
    const out: JsonSchema = {}
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/'))
        out.$ref = `${REF_PREFIX}${v.slice(8)}${MODE_MARK}${mode}`
      else if (k === 'properties' && isObject(v)) {
        const props: JsonSchema = {}
        for (const [name, prop] of Object.entries(v)) {
          if (!isObject(prop)) {
            props[name] = prop
            continue
          }
          const converted = this.#walk(prop, mode)
          if (converted.title === undefined && !isModelRef(converted)) converted.title = titleCase(name)
          props[name] = converted
        }
        out.properties = props
      } else if (Array.isArray(v))
        out[k] = v.map((item) =>
          isObject(item) && k !== 'examples' && k !== 'enum' ? this.#walk(item, mode) : item,
        )
      else if (isObject(v) && k !== 'default' && k !== 'const' && k !== 'example')
        out[k] = this.#walk(v, mode)
      else out[k] = v
    }
    // pydantic leaves a `None` default out of the schema.
    if (out.default === null) delete out.default
    // pydantic writes `X | None` as anyOf; zod writes `type: [X, 'null']`.
    if (Array.isArray(out.type) && out.type.length === 2 && out.type.includes('null')) {
      const other = out.type.find((t) => t !== 'null')
      const { type: _t, ...others } = out
      const keep: JsonSchema = {}
      const inner: JsonSchema = { type: other }
      for (const [k, v] of Object.entries(others)) {
        if (k === 'title' || k === 'description' || k === 'default' || k === 'examples' || k === 'deprecated')
          keep[k] = v
        else inner[k] = v
      }
      return { anyOf: [inner, { type: 'null' }], ...keep }
    }
    // zod's output schemas require fields that have a default; pydantic's response models do not.
    if (mode === 'output' && Array.isArray(out.required) && isObject(node.properties)) {
      const props = node.properties
      out.required = out.required.filter((name) => !(isObject(props[name]) && 'default' in props[name]))
      if ((out.required as unknown[]).length === 0) delete out.required
    }
    // Output schemas of zod objects say "no extra keys"; pydantic's response models do not.
    if (mode === 'output' && out.additionalProperties === false) delete out.additionalProperties
    if (hoist && out.type === 'object' && isObject(out.properties) && typeof out.title === 'string')
      return this.#register(out.title, mode, out)
    return out
  }
}
