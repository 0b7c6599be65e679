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
export { DEFAULT_TESTS } from './tests.js'
