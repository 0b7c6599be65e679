export {
  type ContextProcessor,
  createTemplateEnvironment,
  type TemplateEnvironment,
  type TemplateEnvironmentOptions,
  type TemplateFilter,
  TemplateNotFound,
} from './environment.js'
export { escapeHtml, rawText, selectAutoescape } from './escape.js'
