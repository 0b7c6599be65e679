export { detectRuntime, type RunOptions, type Runtime, run } from './run.js'
export type { ServableApp, ServerInfo } from './server-info.js'
