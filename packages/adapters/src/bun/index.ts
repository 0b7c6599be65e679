export type { ServerInfo } from '../server-info.js'
export { bunFileSource } from './file-source.js'
export { type BunServeOptions, serve } from './serve.js'
