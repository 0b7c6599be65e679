// Application
export { Blueprint, type BlueprintInit, type BlueprintOptions, BlueprintSetupState } from './app/blueprint.js'
export { Config, DEFAULT_CONFIG } from './app/config.js'
export { Flask, type FlaskOptions, type RunOptions } from './app/flask.js'
export {
  flash,
  make_response,
  render_template,
  render_template_string,
  stream_with_context,
  url_for,
} from './app/helpers.js'
export { isResponseTuple } from './app/make-response.js'

export { flashedMessages as get_flashed_messages } from './app/templating.js'
export type { RequestOptions } from './app/test-request.js'
export { TestResponse } from './app/test-response.js'
export { type ClientRequestOptions, FlaskClient } from './app/testing.js'
export type {
  AfterRequestFn,
  BeforeRequestFn,
  ContextProcessorFn,
  ErrorHandlerFn,
  ErrorKey,
  HeadersValue,
  ResponseValue,
  RouteOptions,
  TeardownFn,
  UrlDefaultsFn,
  UrlValuePreprocessorFn,
  View,
  ViewReturn,
} from './app/types.js'
export { BuildError } from './app/url-build.js'
export type { UrlBuildErrorHandler, UrlForValues } from './app/url-for.js'
// Context locals
export {
  AppGlobals,
  after_this_request,
  copy_current_request_context,
  current_app,
  g,
  has_app_context,
  has_request_context,
  RuntimeError,
  request,
  session,
} from './ctx.js'
// Data structures
export { Authorization, MIMEAccept } from './datastructures/accept.js'
export { FileStorage } from './datastructures/file-storage.js'
export { CombinedMultiDict, type IndexedMultiDict, MultiDict } from './datastructures/multidict.js'
// Errors
export * as exceptions from './exceptions.js'
export {
  abort,
  BadRequest,
  Forbidden,
  HTTPException,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  RequestEntityTooLarge,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
} from './exceptions.js'
// Files
export { safe_join, send_file, send_from_directory } from './files/index.js'
export type { FlashedMessage } from './flashing.js'
export { escape_ as escape } from './internal/escape.js'
export { dumps, jsonify, loads } from './json.js'
// Routing
export {
  AnyConverter,
  type Converter,
  type ConverterClass,
  FloatConverter,
  IntegerConverter,
  PathConverter,
  UnicodeConverter,
  UUIDConverter,
  ValidationError,
} from './routing/converters.js'
export { RequestRedirect, UrlMap } from './routing/map.js'
export { Rule } from './routing/rule.js'
export type { ConverterTypes, RuleParams } from './routing/types.js'
// Sessions and templates
export {
  Markup,
  NullSession,
  SecureCookieSession,
  SecureCookieSessionInterface,
  type Session,
  SessionInterface,
  type Tuple,
  tuple,
} from './sessions/index.js'
// WebSockets (flask-sock)
export { ConnectionClosed, Sock, type SockRouteOptions, type SockView, WebSocket } from './sock/index.js'
export { event_stream } from './sse.js'
export {
  fileSystemLoader,
  type PrecompiledTemplates,
  precompiledLoader,
  type TemplateEnvironment,
  type TemplateLoader,
  TemplateNotFound,
} from './templating/index.js'
export { redirect } from './wrappers/redirect.js'
export { Request } from './wrappers/request.js'
export { Response } from './wrappers/response.js'
