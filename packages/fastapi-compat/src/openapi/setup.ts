import type { App } from '@bustapi/core'
import { HTTPException } from '../exceptions.js'
import {
  get_redoc_html,
  get_swagger_ui_html,
  get_swagger_ui_oauth2_redirect_html,
  REDOC_ASSET,
  REDOC_JS_DEFAULT,
} from './docs.js'
import { localRedocBundle, serveRedocBundle, serveSwaggerAsset } from './swagger-assets.js'

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
  /** Where `/docs` loads Swagger UI's script and stylesheet (default: served by the app). */
  readonly swagger_js_url?: string | undefined
  readonly swagger_css_url?: string | undefined
  /** Where `/redoc` loads ReDoc (default: the installed `redoc` package, else Redocly's CDN). */
  readonly redoc_js_url?: string | undefined
  openapi(): Record<string, unknown>
}

/** FastAPI's 404 for an asset the app does not have (a route exists, so Hono's notFound would not apply). */
function notFound(): never {
  throw new HTTPException(404)
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
      ...(app.swagger_js_url ? { swagger_js_url: app.swagger_js_url } : {}),
      ...(app.swagger_css_url ? { swagger_css_url: app.swagger_css_url } : {}),
    })
    app.core.get(docsUrl, () => html(page))
    app.core.get(`${assets}/:name`, (c) => serveSwaggerAsset(c.req.param('name')) ?? notFound())
    if (redirect) {
      const redirectPage = get_swagger_ui_oauth2_redirect_html({
        oauth2_redirect_js_url: `${app.root_path + assets}/oauth2-redirect.js`,
      })
      app.core.get(redirect, () => html(redirectPage))
    }
  }
  if (app.redoc_url !== null) {
    const redocUrl = app.redoc_url
    const asset = `${redocUrl === '/' ? '' : redocUrl}${REDOC_ASSET}`
    // Whether `redoc` is installed is looked up on the first visit, once, not at startup.
    let page: string | undefined
    app.core.get(redocUrl, () => {
      page ??= get_redoc_html({
        openapi_url: specUrl,
        title: `${app.title} - ReDoc`,
        redoc_js_url:
          app.redoc_js_url ?? (localRedocBundle() !== undefined ? app.root_path + asset : REDOC_JS_DEFAULT),
      })
      return html(page)
    })
    if (app.redoc_js_url === undefined) app.core.get(asset, () => serveRedocBundle() ?? notFound())
  }
}
