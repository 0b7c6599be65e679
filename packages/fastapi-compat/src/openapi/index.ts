export {
  get_redoc_html,
  get_swagger_ui_html,
  get_swagger_ui_oauth2_redirect_html,
  REDOC_JS_DEFAULT,
  type RedocOptions,
  SWAGGER_ASSETS_PATH,
  type SwaggerUIOptions,
  swagger_ui_default_parameters,
} from './docs.js'
export {
  generateUniqueId,
  get_openapi,
  getOpenAPI,
  httpValidationErrorSchema,
  type OpenAPIOptions,
  pathFormat,
  validationErrorSchema,
} from './document.js'
export { type JsonSchema, rawJsonSchema, type SchemaMode } from './json-schema.js'
export { REF_PREFIX, SchemaRegistry } from './schema-registry.js'
export { serveSwaggerAsset, swaggerAssetNames } from './swagger-assets.js'
export { titleCase } from './title-case.js'
