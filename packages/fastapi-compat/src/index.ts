export * from './params/types.js'
export * from './params/upload-file.js'
