import { HTTPException } from '../http-exception.js'

/** Why a body was refused; each maps to one status (400, 413 or 415). */
export type BodyErrorReason =
  | 'too_large'
  | 'too_many_parts'
  | 'field_too_large'
  | 'file_too_large'
  | 'malformed'
  | 'json_invalid'
  | 'unsupported_media_type'
  | 'invalid_encoding'

/**
 * A request body the readers refused: 400 (malformed, invalid JSON or encoding), 413 (over a
 * limit) or 415 (a content type the reader does not take). Compat layers render it in their own
 * style from `reason` and, for JSON, `position`.
 *
 * @example
 * try { await readJson(c) } catch (e) {
 *   if (e instanceof BodyError && e.reason === 'json_invalid') return c.json({ at: e.position }, 400)
 *   throw e
 * }
 */
export class BodyError extends HTTPException {
  readonly reason: BodyErrorReason
  /** For `json_invalid`: the character offset (in the decoded text) where parsing failed. */
  readonly position?: number
  /**
   * For `json_invalid`: what the parser expected there, worded as Python's `json` module words it
   * ('Expecting value', 'Extra data', ...), which FastAPI-style error bodies repeat.
   */
  readonly jsonError?: string

  constructor(
    status: 400 | 413 | 415,
    reason: BodyErrorReason,
    detail: string,
    options: { position?: number; jsonError?: string; cause?: unknown } = {},
  ) {
    super(status, detail, undefined, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'BodyError'
    this.reason = reason
    if (options.position !== undefined) this.position = options.position
    if (options.jsonError !== undefined) this.jsonError = options.jsonError
  }
}

/** The 413 for a body (or multipart body) past its byte limit. */
export function tooLarge(limit: number, what = 'Request body'): BodyError {
  return new BodyError(413, 'too_large', `${what} is larger than the limit of ${limit} bytes.`)
}

/** The 415 for a content type a reader does not take. */
export function unsupportedMediaType(contentType: string | undefined, expected: string): BodyError {
  const got = contentType ? `'${contentType}'` : 'no content type'
  return new BodyError(415, 'unsupported_media_type', `Expected ${expected}, got ${got}.`)
}
