export type { ServerInfo } from '../server-info.js'
export { type DenoServeOptions, serve } from './serve.js'
