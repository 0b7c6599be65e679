export { ConnectionClosed } from './connection-closed.js'
export type { SockView } from './register.js'
export { Sock, type SockRouteOptions } from './sock.js'
export { WebSocket } from './websocket.js'
