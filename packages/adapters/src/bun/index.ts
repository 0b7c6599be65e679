export type { ServerInfo } from '../server-info.js'
export { type BunModule, bunApp } from './app.js'
export { bunFileSource } from './file-source.js'
export { type BunServeOptions, serve } from './serve.js'
