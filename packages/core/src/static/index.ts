export { deriveEtag, evaluateStatic, parseByteRange, type StaticOutcome } from './conditional.js'
export { type ByteSpan, FILE_SOURCE, type FileInfo, type FileSource } from './file-source.js'
export { joinRoot, safeRelativePath } from './safe-path.js'
export { type ServeStaticOptions, serveStatic } from './serve-static.js'
