export { WebSocketDisconnect } from '@bustapi/core'
export { WebSocketParam, websocket_of } from './current.js'
export { WebSocketException, WebSocketRequestValidationError } from './exceptions.js'
export {
  compileWebSocketRoute,
  includedWebSocketRecords,
  type WebSocketEndpoint,
  type WebSocketExceptionHandler,
  type WebSocketRecord,
  type WebSocketRouteOptions,
  websocketRecord,
} from './route.js'
export { status } from './status.js'
export { openTestSession, WebSocketDenialResponse, WebSocketTestSession } from './test-session.js'
export { type Address, type JsonMode, WebSocket, WebSocketState } from './websocket.js'
