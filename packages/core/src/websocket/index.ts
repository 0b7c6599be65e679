export {
  type AcceptOptions,
  WebSocketConnection,
  type WebSocketLimits,
  type WebSocketState,
} from './connection.js'
export { WebSocketDisconnect } from './disconnect.js'
export { createWebSocketHandler, type WebSocketHandler, type WebSocketOptions } from './route.js'
export { type ConnectOptions, connectWebSocket, type TestWebSocket, WebSocketRefused } from './test-client.js'
export {
  WEBSOCKET_UPGRADE,
  type WebSocketListener,
  type WebSocketMessage,
  type WebSocketTransport,
  type WebSocketUpgrade,
  type WebSocketUpgrader,
} from './upgrade.js'
