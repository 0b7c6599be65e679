import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type ConversionConfig, toJsonSchema as valibotToJsonSchema } from '@valibot/to-json-schema'
import { z } from 'zod'
import { FILE_SCHEMA } from '../params/upload-file.js'

export { titleCase } from './title-case.js'

/** A JSON Schema object (draft 2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>

/** Whether the schema describes what a request sends (`input`) or what a response returns (`output`). */
export type SchemaMode = 'input' | 'output'

type Node = Record<string, unknown>

// Uploaded files as current FastAPI describes them (OpenAPI 3.1: a string with a media type).
const FILE_ITEM: JsonSchema = { type: 'string', contentMediaType: 'application/octet-stream' }

const valibotConfig = (mode: SchemaMode): ConversionConfig => ({
  target: 'draft-2020-12',
  typeMode: mode,
  errorMode: 'ignore',
  // Dates travel as ISO strings, as pydantic documents `datetime`.
  overrideSchema: (ctx) =>
    ctx.valibotSchema.type === 'date'
      ? { type: 'string', format: 'date-time', ...ctx.jsonSchema }
      : undefined,
})

function fromValibot(schema: StandardSchemaV1, mode: SchemaMode): JsonSchema {
  const out = valibotToJsonSchema(schema as never, valibotConfig(mode)) as JsonSchema
  return out
}

function fromZod(schema: StandardSchemaV1, mode: SchemaMode): JsonSchema {
  // z.toJSONSchema rather than zod-to-openapi: it is built into zod 4, emits draft 2020-12 directly,
  // honours `.meta({ id, title, description, examples })` and needs no registry or zod patching.
  return z.toJSONSchema(schema as never, {
    target: 'draft-2020-12',
    io: mode,
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def
      if (def.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' })
    },
  }) as JsonSchema
}

function fromStandardJsonSchema(schema: StandardSchemaV1, mode: SchemaMode): JsonSchema | undefined {
  const converter = (schema['~standard'] as { jsonSchema?: Record<SchemaMode, unknown> }).jsonSchema
  const convert = converter?.[mode]
  if (typeof convert !== 'function') return undefined
  return convert({ target: 'draft-2020-12' }) as JsonSchema
}

/**
 * Converts any Standard Schema to a raw JSON Schema (draft 2020-12): valibot through
 * `@valibot/to-json-schema`, zod 4 through `z.toJSONSchema`, anything implementing Standard JSON
 * Schema through `~standard.jsonSchema`; unknown validators give `{}` (any value). Named sub-schemas
 * may appear under `$defs`; `SchemaRegistry` hoists them into `components/schemas`.
 *
 * @example
 * rawJsonSchema(v.object({ name: v.string() })) // { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
 */
export function rawJsonSchema(schema: StandardSchemaV1, mode: SchemaMode = 'input'): JsonSchema {
  const file = (schema as unknown as { [FILE_SCHEMA]?: { list: boolean } })[FILE_SCHEMA]
  if (file) return file.list ? { type: 'array', items: { ...FILE_ITEM } } : { ...FILE_ITEM }
  let out: JsonSchema | undefined
  try {
    const vendor = schema['~standard'].vendor
    if (vendor === 'valibot') out = fromValibot(schema, mode)
    else if (vendor === 'zod' && '_zod' in (schema as unknown as Node)) out = fromZod(schema, mode)
    else out = fromStandardJsonSchema(schema, mode)
  } catch {
    // A schema its library cannot express (a transform, a custom check) documents as "any value".
    out = undefined
  }
  if (!out) return {}
  const { $schema: _ignored, ...rest } = out
  return rest
}
