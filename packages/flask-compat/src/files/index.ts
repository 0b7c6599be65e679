export { type ConditionalResult, evaluateConditional, type ResourceState } from './conditional.js'
export { contentDisposition } from './disposition.js'
export { type FileStat, type FileSystem, nodeFileSystem } from './file-system.js'
export { contentType, guessMimetype, guessType } from './mime.js'
export { safe_join } from './safe-join.js'
export {
  adler32,
  type FileSource,
  type SendFileOptions,
  send_file,
  send_from_directory,
} from './send-file.js'
export { defaultFileSystem, sourceFileSystem } from './source-file-system.js'
