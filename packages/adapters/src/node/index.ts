export { readIncoming } from './body-source.js'
export { type DrainResult, drainServer } from './drain.js'
export {
  createNodeHandler,
  type FetchApp,
  NodeBindings,
  type NodeRequestListener,
  toFetchCallback,
} from './handler.js'
export { resolveTimeouts, type ServeOptions, type ServerHandle, type ServerTimeouts } from './options.js'
export { serve } from './serve.js'
