export type { Context, Env, MiddlewareHandler, Next } from 'hono'
export { deleteCookie, getCookie, setCookie } from 'hono/cookie'
export { App, type AppOptions, type FetchHandler, type RouteDefinition } from './app.js'
export {
  BODY_SOURCE,
  BodyError,
  type BodyErrorReason,
  type BodyLimits,
  type BodySource,
  defaultBodyLimits,
  isJsonMediaType,
  type JsonErrorLocation,
  locateJsonError,
  mediaTypeOf,
  type ParsedForm,
  type ReadJsonOptions,
  readBytes,
  readForm,
  readJson,
  readMultipart,
  readText,
  readUrlEncoded,
  UploadedFile,
} from './body/index.js'
export {
  CLIENT_ADDRESS,
  type ClientAddress,
  type ClientAddressSource,
  clientAddress,
  toClientAddress,
} from './client-address.js'
export {
  createRequestContext,
  getContext,
  type RequestContext,
  runSyncWithContext,
  runWithContext,
  tryGetContext,
} from './context.js'
export {
  createDefaultErrorHandler,
  createRateLimitedReporter,
  type ErrorHandler,
  type ErrorReporter,
} from './error-handler.js'
export { HTTPException, isHTTPException, toHTTPException } from './http-exception.js'
export {
  type AfterRequestHook,
  type BeforeRequestHook,
  Lifecycle,
  type Lifespan,
  type TeardownRequestHook,
} from './lifecycle.js'
export { currentRoute, type RouteInfo } from './route.js'
export {
  type CookieOptions,
  getSignedCookie,
  type Secrets,
  setSignedCookie,
  signValue,
  unsignValue,
} from './signed-cookies.js'
export { type EventStreamOptions, eventStream, formatEvent, type ServerSentEvent } from './sse.js'
export {
  type ByteSpan,
  FILE_SOURCE,
  type FileInfo,
  type FileSource,
  type ServeStaticOptions,
  serveStatic,
} from './static/index.js'
export { STATUS_CODES } from './status.js'
export { isStreamable, iterableToStream } from './streaming.js'
export {
  type AcceptOptions,
  type ConnectOptions,
  connectWebSocket,
  createWebSocketHandler,
  type TestWebSocket,
  WEBSOCKET_UPGRADE,
  WebSocketConnection,
  WebSocketDisconnect,
  type WebSocketHandler,
  type WebSocketLimits,
  type WebSocketListener,
  type WebSocketMessage,
  type WebSocketOptions,
  WebSocketRefused,
  type WebSocketState,
  type WebSocketTransport,
  type WebSocketUpgrade,
  type WebSocketUpgrader,
} from './websocket/index.js'
