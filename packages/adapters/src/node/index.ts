export type { ServerInfo } from '../server-info.js'
export { createNodeHandler, type FetchApp, NodeBindings, type NodeRequestListener } from './handler.js'
export type { ServeOptions, ServerHandle } from './options.js'
export { serve } from './serve.js'
