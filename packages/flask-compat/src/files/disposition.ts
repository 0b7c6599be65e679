/** `Content-Disposition` as werkzeug writes it, RFC 5987 `filename*` for non-ASCII names. */

const isAscii = (value: string): boolean => Array.from(value).every((ch) => ch.charCodeAt(0) < 0x80)

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function quoteParam(value: string): string {
  return TOKEN.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

// Python's quote(safe="!#$&+-.^_`|~"): RFC 5987 attr-char, everything else percent-encoded UTF-8
function rfc5987(value: string): string {
  return Array.from(new TextEncoder().encode(value), (b) => {
    const ch = String.fromCharCode(b)
    return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
}

/**
 * The `Content-Disposition` value for a download name.
 *
 * @example
 * contentDisposition('Résumé.pdf', true)
 * // `attachment; filename=Resume.pdf; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`
 */
export function contentDisposition(name: string, asAttachment: boolean): string {
  const kind = asAttachment ? 'attachment' : 'inline'
  if (isAscii(name)) return `${kind}; filename=${quoteParam(name)}`
  const simple = Array.from(name.normalize('NFKD'))
    .filter((ch) => ch.charCodeAt(0) < 0x80)
    .join('')
  return `${kind}; filename=${quoteParam(simple)}; filename*=UTF-8''${rfc5987(name)}`
}
