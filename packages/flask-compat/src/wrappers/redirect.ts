import { escapeText } from '../internal/escape.js'
import { Response } from './response.js'

// Characters a URI may carry as they are; everything else is percent-encoded (werkzeug's iri_to_uri).
const URI_SAFE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g

/**
 * A location as werkzeug sends it in the header: non-ASCII and unsafe characters percent-encoded.
 * @example iriToUri('/x?a=<b>') // '/x?a=%3Cb%3E'
 */
export function iriToUri(location: string): string {
  return location.replace(URI_SAFE, (ch) => encodeURIComponent(ch))
}

/** The HTML body werkzeug's `redirect` sends, byte for byte. */
export function redirectBody(location: string): string {
  const html = escapeText(location)
  return (
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${html}">${html}</a>. If not, click the link.\n`
  )
}

/**
 * A redirect response (302 by default) with werkzeug's HTML body.
 *
 * @example
 * return redirect(url_for('login'))
 * return redirect('/new', 301)
 */
export function redirect(location: string, code = 302): Response {
  return new Response(redirectBody(location), { status: code, headers: { location: iriToUri(location) } })
}
