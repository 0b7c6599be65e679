export { HTTPException as StarletteHTTPException } from '@bustapi/core'
export { FastAPI, type FastAPIOptions, type MiddlewareClass } from './applications.js'
export { BackgroundTasks } from './background.js'
export {
  type ClassDependency,
  type DependencyFunction,
  type DependencyScope,
  Depends,
  type DependsValue,
  dependency,
  ScopedDependency,
  Security,
  SecurityScopes,
} from './dependencies/depends.js'
export type {
  HandlerContext,
  InferValue,
  InferValues,
  ParamSpec,
  ParamsSpec,
} from './dependencies/handler-types.js'
export {
  type ExceptionHandler,
  http_exception_handler,
  request_validation_exception_handler,
} from './exception-handlers.js'
export {
  FastAPIError,
  HTTPException,
  RequestValidationError,
  ResponseValidationError,
} from './exceptions.js'
export { CORSMiddleware, type CORSOptions } from './middleware/cors.js'
export { GZipMiddleware, type GZipOptions } from './middleware/gzip.js'
export { HTTPSRedirectMiddleware } from './middleware/https-redirect.js'
export { TrustedHostMiddleware, type TrustedHostOptions } from './middleware/trusted-host.js'
export {
  generateUniqueId,
  get_openapi,
  get_redoc_html,
  get_swagger_ui_html,
  get_swagger_ui_oauth2_redirect_html,
  type OpenAPIOptions,
  type RedocOptions,
  SchemaRegistry,
  type SwaggerUIOptions,
  serveSwaggerAsset,
  swagger_ui_default_parameters,
} from './openapi/index.js'
export {
  Body,
  Cookie,
  Dependency,
  type DependencyResult,
  type DependencyTarget,
  File,
  Form,
  Header,
  isDependency,
  isParam,
  isSecurityDependency,
  Param,
  type ParamKind,
  type ParamOptions,
  Path,
  Query,
  type RouteDeclaration,
  type SecurityDependency,
} from './params/types.js'
export { fileBytes, filesBytes, UploadFile, uploadFile, uploadFiles } from './params/upload-file.js'
export { jsonable_encoder } from './responses/encode.js'
export { MutableResponse, type SetCookieOptions } from './responses/mutable-response.js'
export {
  FastAPIResponse as Response,
  HTMLResponse,
  JSONResponse,
  ORJSONResponse,
  PlainTextResponse,
  RedirectResponse,
  type ResponseClass,
  type ResponseInit,
} from './responses/responses.js'
export { EventSourceResponse, type ServerSentEventInit } from './responses/sse.js'
export { FileResponse, StreamingResponse } from './responses/streaming.js'
export { APIRouter, type RouterOptions } from './routing/api-router.js'
export type { RouteHandler, RouteOptions } from './routing/route-options.js'
export * from './security/index.js'
// The security utilities (kept as one line so the security module owns its list of names).
export * from './security/index.js'
export { type RequestOptions, TestClient, type TestResponse } from './testclient.js'
export type { ErrorItem } from './validation/error-types.js'
export {
  type Address,
  type JsonMode,
  status,
  WebSocket,
  WebSocketDenialResponse,
  WebSocketDisconnect,
  type WebSocketEndpoint,
  WebSocketException,
  type WebSocketExceptionHandler,
  WebSocketParam,
  WebSocketRequestValidationError,
  type WebSocketRouteOptions,
  WebSocketState,
  WebSocketTestSession,
  websocket_of,
} from './websockets/index.js'
