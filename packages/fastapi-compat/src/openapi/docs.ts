/** Where the docs pages load Swagger UI from by default: served by the app itself. */
export const SWAGGER_ASSETS_PATH = '/docs/assets'

/**
 * Swagger UI's default parameters, as FastAPI sets them.
 * @example
 * get_swagger_ui_html({ openapi_url: '/openapi.json', title: 'Docs', swagger_ui_parameters: { ...swagger_ui_default_parameters, deepLinking: false } })
 */
export const swagger_ui_default_parameters: Readonly<Record<string, unknown>> = Object.freeze({
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
})

/** JSON that is safe inside a `<script>` element (no `</script>` or HTML entity surprises). */
function htmlSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
}

/** Text safe in HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** Options of `get_swagger_ui_html` (FastAPI's names). */
export interface SwaggerUIOptions {
  openapi_url: string
  title: string
  /** The path the Swagger UI assets are served under (default `/docs/assets`); sets the three URLs below. */
  assets_url?: string
  /** Default: the local `/docs/assets/swagger-ui-bundle.js` (see `serveSwaggerAsset`); pass a CDN URL to use one. */
  swagger_js_url?: string
  swagger_css_url?: string
  swagger_favicon_url?: string
  oauth2_redirect_url?: string
  init_oauth?: Record<string, unknown>
  swagger_ui_parameters?: Record<string, unknown>
}

/**
 * The Swagger UI page for an OpenAPI document, as FastAPI's `/docs` serves it.
 *
 * @example
 * app.get('/docs', (c) => c.html(get_swagger_ui_html({ openapi_url: '/openapi.json', title: 'Shop - Swagger UI' })))
 */
export function get_swagger_ui_html(options: SwaggerUIOptions): string {
  const assets = options.assets_url ?? SWAGGER_ASSETS_PATH
  const js = options.swagger_js_url ?? `${assets}/swagger-ui-bundle.js`
  const css = options.swagger_css_url ?? `${assets}/swagger-ui.css`
  const favicon = options.swagger_favicon_url ?? `${assets}/favicon-32x32.png`
  const parameters = { ...swagger_ui_default_parameters, ...options.swagger_ui_parameters }
  const lines = [`url: ${htmlSafeJson(options.openapi_url)},`]
  for (const [key, value] of Object.entries(parameters))
    lines.push(`${htmlSafeJson(key)}: ${htmlSafeJson(value)},`)
  if (options.oauth2_redirect_url)
    lines.push(`oauth2RedirectUrl: window.location.origin + ${htmlSafeJson(options.oauth2_redirect_url)},`)
  const initOAuth = options.init_oauth ? `\n    ui.initOAuth(${htmlSafeJson(options.init_oauth)})` : ''
  return `<!DOCTYPE html>
<html>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link type="text/css" rel="stylesheet" href="${escapeHtml(css)}">
<link rel="shortcut icon" href="${escapeHtml(favicon)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="${escapeHtml(js)}"></script>
<script>
    const ui = SwaggerUIBundle({
    ${lines.join('\n    ')}
    presets: [
        SwaggerUIBundle.presets.apis,
        SwaggerUIBundle.SwaggerUIStandalonePreset
    ],
    })${initOAuth}
</script>
</body>
</html>
`
}

/**
 * The page Swagger UI returns to after an OAuth2 authorization, served at `oauth2_redirect_url`
 * (FastAPI's `/docs/oauth2-redirect`); it loads swagger-ui-dist's `oauth2-redirect.js`.
 *
 * @example
 * app.get('/docs/oauth2-redirect', (c) => c.html(get_swagger_ui_oauth2_redirect_html()))
 */
export function get_swagger_ui_oauth2_redirect_html(
  options: { oauth2_redirect_js_url?: string } = {},
): string {
  const src = options.oauth2_redirect_js_url ?? `${SWAGGER_ASSETS_PATH}/oauth2-redirect.js`
  return `<!doctype html>
<html lang="en-US">
<head>
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script src="${escapeHtml(src)}"></script>
</body>
</html>
`
}

/** Options of `get_redoc_html` (FastAPI's names). */
export interface RedocOptions {
  openapi_url: string
  title: string
  /**
   * ReDoc's standalone bundle. Default: Redocly's own CDN build (`REDOC_JS_DEFAULT`); the app's
   * `/redoc` serves the installed `redoc` package itself when there is one (see `installDocs`).
   */
  redoc_js_url?: string
  redoc_favicon_url?: string
  /** FastAPI loads Google's fonts; off by default here so the page makes no outside request. */
  with_google_fonts?: boolean
  /** The stylesheet URL used when `with_google_fonts` is on. */
  google_fonts_url?: string
}

/** Where `get_redoc_html` loads ReDoc from when `redoc_js_url` is not given: Redocly's own CDN. */
export const REDOC_JS_DEFAULT = 'https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js'

/** The path, under the ReDoc page's, where the app serves an installed `redoc` bundle. */
export const REDOC_ASSET = '/assets/redoc.standalone.js'

/**
 * The ReDoc page for an OpenAPI document, as FastAPI's `/redoc` serves it.
 *
 * @example
 * app.get('/redoc', (c) => c.html(get_redoc_html({ openapi_url: '/openapi.json', title: 'Shop - ReDoc', redoc_js_url: '/static/redoc.standalone.js' })))
 */
export function get_redoc_html(options: RedocOptions): string {
  const js = options.redoc_js_url ?? REDOC_JS_DEFAULT
  const favicon = options.redoc_favicon_url ?? `${SWAGGER_ASSETS_PATH}/favicon-32x32.png`
  const fonts =
    options.with_google_fonts && options.google_fonts_url
      ? `\n<link href="${escapeHtml(options.google_fonts_url)}" rel="stylesheet">`
      : ''
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(options.title)}</title>
<!-- needed for adaptive design -->
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1">${fonts}
<link rel="shortcut icon" href="${escapeHtml(favicon)}">
<!-- ReDoc doesn't change outer page styles -->
<style>
  body {
    margin: 0;
    padding: 0;
  }
</style>
</head>
<body>
<noscript>
    ReDoc requires Javascript to function. Please enable it to browse the documentation.
</noscript>
<redoc spec-url="${escapeHtml(options.openapi_url)}"></redoc>
<script src="${escapeHtml(js)}"> </script>
</body>
</html>
`
}
