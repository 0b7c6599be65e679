import type { App } from '@bustapi/core'
import { get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html } from './docs.js'
import { serveSwaggerAsset } from './swagger-assets.js'

/** What the documentation routes read from their app. */
export interface DocsHost {
  readonly core: App
  readonly title: string
  readonly openapi_url: string | null
  readonly docs_url: string | null
  readonly redoc_url: string | null
  readonly root_path: string
  readonly swagger_ui_parameters: Record<string, unknown> | undefined
  readonly swagger_ui_oauth2_redirect_url: string | null
  readonly swagger_ui_init_oauth: Record<string, unknown> | undefined
  openapi(): Record<string, unknown>
}

const html = (body: string) => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } })

/**
 * Registers FastAPI's documentation routes on the app's core: `/openapi.json`, `/docs` (with its
 * Swagger UI assets and OAuth2 redirect page) and `/redoc`. None of them appear in the document.
 * The document is serialised once per build of `app.openapi()`.
 *
 * @example
 * installDocs(app) // in the FastAPI constructor
 */
export function installDocs(app: DocsHost): void {
  const openapiUrl = app.openapi_url
  if (openapiUrl === null) return
  let cached: { doc: Record<string, unknown>; text: string } | undefined
  app.core.get(openapiUrl, () => {
    const doc = app.openapi()
    if (cached?.doc !== doc) cached = { doc, text: JSON.stringify(doc) }
    return new Response(cached.text, { headers: { 'content-type': 'application/json' } })
  })
  const specUrl = app.root_path + openapiUrl
  if (app.docs_url !== null) {
    const docsUrl = app.docs_url
    const assets = `${docsUrl === '/' ? '' : docsUrl}/assets`
    const redirect = app.swagger_ui_oauth2_redirect_url
    const page = get_swagger_ui_html({
      openapi_url: specUrl,
      title: `${app.title} - Swagger UI`,
      assets_url: app.root_path + assets,
      ...(redirect ? { oauth2_redirect_url: app.root_path + redirect } : {}),
      ...(app.swagger_ui_init_oauth ? { init_oauth: app.swagger_ui_init_oauth } : {}),
      ...(app.swagger_ui_parameters ? { swagger_ui_parameters: app.swagger_ui_parameters } : {}),
    })
    app.core.get(docsUrl, () => html(page))
    app.core.get(`${assets}/:name`, (c) => serveSwaggerAsset(c.req.param('name')) ?? c.notFound())
    if (redirect) {
      const redirectPage = get_swagger_ui_oauth2_redirect_html({
        oauth2_redirect_js_url: `${app.root_path + assets}/oauth2-redirect.js`,
      })
      app.core.get(redirect, () => html(redirectPage))
    }
  }
  if (app.redoc_url !== null) {
    const page = get_redoc_html({ openapi_url: specUrl, title: `${app.title} - ReDoc` })
    app.core.get(app.redoc_url, () => html(page))
  }
}
