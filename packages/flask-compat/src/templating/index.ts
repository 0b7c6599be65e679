export {
  type ContextProcessor,
  createTemplateEnvironment,
  type TemplateEnvironment,
  type TemplateEnvironmentOptions,
  type TemplateFilter,
  TemplateNotFound,
  type TemplateTest,
} from './environment.js'
export { escapeHtml, rawText, selectAutoescape } from './escape.js'
export { fileSystemLoader } from './fs-loader.js'
export {
  type CompiledTemplate,
  type PrecompiledTemplate,
  type PrecompiledTemplates,
  precompiledLoader,
  type TemplateLoader,
} from './loader.js'
export { DEFAULT_TESTS } from './tests.js'
