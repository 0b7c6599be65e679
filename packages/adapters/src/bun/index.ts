export type { ServerInfo } from '../server-info.js'
export { type BunServeOptions, serve } from './serve.js'
