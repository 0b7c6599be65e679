import { STATUS_CODES } from '@bustapi/core'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { RouteDeclaration } from '../params/types.js'
import { type JsonSchema, titleCase } from './json-schema.js'
import { operationParameters, requestBody } from './operation.js'
import { isBareRef, REF_PREFIX, SchemaRegistry } from './schema-registry.js'

/**
 * The `ValidationError` schema of current FastAPI (pydantic v2 errors carry `input` and `ctx`).
 * @example
 * doc.components.schemas.ValidationError === validationErrorSchema
 */
export const validationErrorSchema: JsonSchema = {
  title: 'ValidationError',
  type: 'object',
  properties: {
    loc: { title: 'Location', type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
    msg: { title: 'Message', type: 'string' },
    type: { title: 'Error Type', type: 'string' },
    input: { title: 'Input' },
    ctx: { title: 'Context', type: 'object' },
  },
  required: ['loc', 'msg', 'type'],
}

/**
 * The `HTTPValidationError` schema: the body of every 422 answer.
 * @example
 * doc.components.schemas.HTTPValidationError === httpValidationErrorSchema
 */
export const httpValidationErrorSchema: JsonSchema = {
  title: 'HTTPValidationError',
  type: 'object',
  properties: { detail: { title: 'Detail', type: 'array', items: { $ref: `${REF_PREFIX}ValidationError` } } },
}

const METHODS_WITH_BODY = new Set(['get', 'head', 'post', 'put', 'delete', 'patch'])
const STATUS_RANGES: Record<string, string> = {
  '1XX': 'Information',
  '2XX': 'Success',
  '3XX': 'Redirection',
  '4XX': 'Client Error',
  '5XX': 'Server Error',
  DEFAULT: 'Default Response',
}

/** What `getOpenAPI` documents: FastAPI's `get_openapi` arguments. */
export interface OpenAPIOptions {
  title: string
  version: string
  openapi_version?: string
  summary?: string
  description?: string
  terms_of_service?: string
  contact?: Record<string, unknown>
  license_info?: Record<string, unknown>
  routes: RouteDeclaration[]
  tags?: Array<Record<string, unknown>>
  servers?: Array<Record<string, unknown>>
  /** Listed first in `servers` (FastAPI's `root_path_in_servers`). */
  root_path?: string
  external_docs?: Record<string, unknown>
}

/**
 * FastAPI's `generate_unique_id`: the route name, its path with every non-word character as `_`,
 * and its first method.
 *
 * @example
 * generateUniqueId({ name: 'read_item', path: '/items/{item_id}', methods: ['GET'] }) // 'read_item_items__item_id__get'
 */
export function generateUniqueId(route: Pick<RouteDeclaration, 'name' | 'path' | 'methods'>): string {
  const base = `${route.name}${pathFormat(route.path)}`.replace(/[^\p{L}\p{N}_]/gu, '_')
  return `${base}_${(route.methods[0] ?? 'get').toLowerCase()}`
}

/** The documented path: `{file_path:path}` is written `{file_path}`. */
export function pathFormat(path: string): string {
  return path.replace(/\{([^}:]+):[^}]*\}/g, '{$1}')
}

function bodyAllowed(status: string): boolean {
  if (!/^\d+$/.test(status)) return true
  const code = Number(status)
  return !(code < 200 || code === 204 || code === 205 || code === 304)
}

function responseSchema(registry: SchemaRegistry, schema: StandardSchemaV1, operationId: string): JsonSchema {
  const out = registry.schema(schema, { mode: 'output' })
  if (out.title === undefined && !isBareRef(out)) out.title = titleCase(`Response_${operationId}`)
  return out
}

function buildResponses(registry: SchemaRegistry, route: RouteDeclaration, operationId: string): JsonSchema {
  const responses: Record<string, JsonSchema> = {}
  const status = String(route.status_code ?? route.response_class?.status_code ?? 200)
  const success: JsonSchema = { description: route.response_description ?? 'Successful Response' }
  const mediaType = route.response_class ? route.response_class.media_type : 'application/json'
  if (bodyAllowed(status) && mediaType) {
    const isJson = /[/+]json\b/.test(mediaType)
    const schema = !isJson
      ? { type: 'string' }
      : route.response_model
        ? responseSchema(registry, route.response_model, operationId)
        : {}
    success.content = { [mediaType]: { schema } }
  }
  responses[status] = success
  for (const [code, extra] of Object.entries(route.responses ?? {})) {
    const key = code.toUpperCase() === 'DEFAULT' ? 'default' : code.toUpperCase()
    const { model, ...rest } = extra as { model?: StandardSchemaV1 } & JsonSchema
    const target: JsonSchema = responses[key] ?? {}
    const processed: JsonSchema = structuredClone(rest)
    if (model) {
      const content = (processed.content ?? {}) as Record<string, JsonSchema>
      const media = mediaType ?? 'application/json'
      const entry = content[media] ?? {}
      entry.schema = {
        ...responseSchema(registry, model, operationId),
        ...((entry.schema as JsonSchema) ?? {}),
      }
      content[media] = entry
      processed.content = content
    }
    const statusText = STATUS_RANGES[code.toUpperCase()] ?? STATUS_CODES[Number(code)]
    const description = processed.description ?? target.description ?? statusText ?? 'Additional Response'
    responses[key] = deepMerge(target, processed)
    ;(responses[key] as JsonSchema).description = description
  }
  if (route.flatParams.length > 0 && !('422' in responses || '4XX' in responses || 'default' in responses)) {
    responses['422'] = {
      description: 'Validation Error',
      content: { 'application/json': { schema: { $ref: `${REF_PREFIX}HTTPValidationError` } } },
    }
    registry.define('ValidationError', validationErrorSchema)
    registry.define('HTTPValidationError', httpValidationErrorSchema)
  }
  return responses
}

function deepMerge(main: JsonSchema, update: JsonSchema): JsonSchema {
  for (const [k, v] of Object.entries(update)) {
    const current = main[k]
    if (isPlain(current) && isPlain(v)) deepMerge(current, v)
    else if (Array.isArray(current) && Array.isArray(v)) main[k] = [...current, ...v]
    else main[k] = v
  }
  return main
}

const isPlain = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v)

function buildOperation(
  registry: SchemaRegistry,
  route: RouteDeclaration,
  method: string,
  securitySchemes: Record<string, unknown>,
): JsonSchema {
  const operationId = route.operation_id ?? generateUniqueId(route)
  const op: JsonSchema = {}
  if (route.tags && route.tags.length > 0) op.tags = route.tags
  op.summary = route.summary ?? titleCase(route.name)
  if (route.description) op.description = route.description
  op.operationId = operationId
  const parameters = operationParameters(registry, route)
  if (parameters.length > 0) op.parameters = parameters
  if (METHODS_WITH_BODY.has(method)) {
    const body = requestBody(registry, route, operationId)
    if (body) op.requestBody = body
  }
  op.responses = buildResponses(registry, route, operationId)
  if (route.deprecated) op.deprecated = true
  const scopesByScheme = new Map<string, string[]>()
  for (const { dep, scopes } of route.securities) {
    securitySchemes[dep.scheme_name] = dep.model
    const merged = scopesByScheme.get(dep.scheme_name) ?? []
    for (const scope of scopes) if (!merged.includes(scope)) merged.push(scope)
    scopesByScheme.set(dep.scheme_name, merged)
  }
  if (scopesByScheme.size > 0) op.security = [...scopesByScheme].map(([name, scopes]) => ({ [name]: scopes }))
  return op
}

/**
 * Builds the OpenAPI 3.1 document of a set of routes exactly as FastAPI's `get_openapi` shapes it.
 * Pure: the caller builds once and caches.
 *
 * @example
 * const doc = getOpenAPI({ title: 'Shop', version: '1.0.0', routes: app.routes.map((r) => r.meta.fastapi) })
 */
export function getOpenAPI(options: OpenAPIOptions): Record<string, unknown> {
  const registry = new SchemaRegistry()
  const info: JsonSchema = { title: options.title, version: options.version }
  if (options.summary) info.summary = options.summary
  if (options.description) info.description = options.description
  if (options.terms_of_service) info.termsOfService = options.terms_of_service
  if (options.contact) info.contact = options.contact
  if (options.license_info) info.license = options.license_info
  const output: Record<string, unknown> = { openapi: options.openapi_version ?? '3.1.0', info }
  const servers = [...(options.servers ?? [])]
  if (options.root_path && !servers.some((s) => s.url === options.root_path))
    servers.unshift({ url: options.root_path })
  if (servers.length > 0) output.servers = servers
  const paths: Record<string, JsonSchema> = {}
  const securitySchemes: Record<string, unknown> = {}
  for (const route of options.routes) {
    if (route.include_in_schema === false) continue
    const path = pathFormat(route.path)
    const item = paths[path] ?? {}
    for (const method of route.methods) {
      const lower = method.toLowerCase()
      item[lower] = buildOperation(registry, route, lower, securitySchemes)
    }
    paths[path] = item
  }
  output.paths = registry.resolve(paths)
  const components: Record<string, unknown> = {}
  const schemas = registry.definitions()
  if (Object.keys(schemas).length > 0) components.schemas = schemas
  if (Object.keys(securitySchemes).length > 0) components.securitySchemes = securitySchemes
  if (Object.keys(components).length > 0) output.components = components
  if (options.tags && options.tags.length > 0) output.tags = options.tags
  if (options.external_docs) output.externalDocs = options.external_docs
  return output
}

/**
 * FastAPI's name for `getOpenAPI`.
 * @example
 * const doc = get_openapi({ title: 'Shop', version: '1.0.0', routes })
 */
export const get_openapi = getOpenAPI
