import type { Param, RouteDeclaration } from '../params/types.js'
import { shapeOf } from '../schema/shape.js'
import { type JsonSchema, titleCase } from './json-schema.js'
import { isBareRef, type SchemaRegistry } from './schema-registry.js'

const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const
const BODY_KINDS = new Set(['body', 'form', 'file'])
const DEFAULT_MEDIA = {
  body: 'application/json',
  form: 'application/x-www-form-urlencoded',
  file: 'multipart/form-data',
}

/** The name a parameter has on the wire: its alias, or a header's name with `_` → `-`. */
export function wireName(name: string, param: Param): string {
  if (param.options.alias) return param.options.alias
  if (param.kind === 'header' && param.options.convert_underscores !== false) return name.replaceAll('_', '-')
  return name
}

/** Whether a request must carry the parameter (no default, schema rejects `undefined`). */
export function isRequired(param: Param): boolean {
  if (param.kind === 'path') return true
  if (param.options.default !== undefined) return false
  return !shapeOf(param.schema).optional
}

/** A parameter's or body field's schema with pydantic's title, description, default and examples. */
export function fieldSchema(registry: SchemaRegistry, name: string, param: Param): JsonSchema {
  const schema = registry.schema(param.schema)
  const { options } = param
  const extra: JsonSchema = {}
  if (options.title !== undefined) extra.title = options.title
  else if (schema.title === undefined && !isBareRef(schema)) extra.title = titleCase(wireName(name, param))
  if (options.description !== undefined) extra.description = options.description
  if (options.default !== undefined && options.default !== null) extra.default = options.default
  if (options.examples !== undefined) extra.examples = options.examples
  if (options.deprecated) extra.deprecated = true
  if (Object.keys(extra).length === 0) return schema
  // Siblings of a bare $ref are valid in 3.1 but pydantic wraps in allOf only for old targets.
  return { ...schema, ...extra }
}

/**
 * The operation's `parameters`: path, query, header, cookie in that order, each (in, name) once
 * with a required declaration winning over an optional one, as FastAPI merges dependencies.
 *
 * @example
 * operationParameters(registry, route) // [{ name: 'item_id', in: 'path', required: true, schema: {...} }]
 */
export function operationParameters(registry: SchemaRegistry, route: RouteDeclaration): JsonSchema[] {
  const byKey = new Map<string, JsonSchema>()
  for (const location of LOCATIONS) {
    for (const { name, param } of route.flatParams) {
      if (param.kind !== location || param.options.include_in_schema === false) continue
      const parameter: JsonSchema = {
        name: wireName(name, param),
        in: location,
        required: isRequired(param),
        schema: fieldSchema(registry, name, param),
      }
      if (param.options.description) parameter.description = param.options.description
      if (param.options.deprecated) parameter.deprecated = true
      const key = `${location}\u0000${parameter.name as string}`
      const previous = byKey.get(key)
      if (!previous || (!previous.required && parameter.required)) byKey.set(key, parameter)
    }
  }
  return [...byKey.values()]
}

/**
 * The operation's `requestBody`, FastAPI's way: a single non-embedded body is documented by its own
 * schema; several body fields, `embed`, or plain form fields become a `Body_<operationId>` model.
 *
 * @example
 * requestBody(registry, route, 'create_item_items__post') // { content: { 'application/json': { schema: { $ref } } }, required: true }
 */
export function requestBody(
  registry: SchemaRegistry,
  route: RouteDeclaration,
  operationId: string,
): JsonSchema | undefined {
  const fields = route.flatParams.filter(({ param }) => BODY_KINDS.has(param.kind))
  if (fields.length === 0) return undefined
  const first = fields[0] as { name: string; param: Param }
  const names = new Set(fields.map((f) => f.name))
  const embed =
    names.size > 1 ||
    first.param.options.embed === true ||
    (first.param.kind !== 'body' && shapeOf(first.param.schema).scalar !== 'object')
  let schema: JsonSchema
  let required: boolean
  let mediaType: string
  if (!embed) {
    schema = fieldSchema(registry, first.name, first.param)
    required = isRequired(first.param)
    mediaType =
      first.param.options.media_type ?? DEFAULT_MEDIA[first.param.kind as keyof typeof DEFAULT_MEDIA]
  } else {
    const modelName = `Body_${operationId}`
    const properties: JsonSchema = {}
    const requiredNames: string[] = []
    const seen = new Set<string>()
    for (const { name, param } of fields) {
      const key = wireName(name, param)
      if (seen.has(key)) continue
      seen.add(key)
      if (param.options.include_in_schema === false) continue
      properties[key] = fieldSchema(registry, name, param)
      if (isRequired(param)) requiredNames.push(key)
    }
    const model: JsonSchema = { title: modelName, type: 'object', properties }
    if (requiredNames.length > 0) model.required = requiredNames
    schema = registry.define(modelName, model)
    required = requiredNames.length > 0
    mediaType = embeddedMediaType(fields.map((f) => f.param))
  }
  const body: JsonSchema = { content: { [mediaType]: { schema } } }
  if (required) body.required = true
  return body
}

function embeddedMediaType(params: Param[]): string {
  if (params.some((p) => p.kind === 'file')) return DEFAULT_MEDIA.file
  if (params.some((p) => p.kind === 'form')) return DEFAULT_MEDIA.form
  const types = new Set(params.map((p) => p.options.media_type ?? DEFAULT_MEDIA.body))
  return types.size === 1 ? ([...types][0] as string) : DEFAULT_MEDIA.body
}
