export type { ServerInfo } from '../server-info.js'
export { denoFileSource } from './file-source.js'
export { type DenoServeOptions, denoHandler, serve } from './serve.js'
