import {
  BodyError,
  type BodyLimits,
  type Context,
  defaultBodyLimits,
  readBytes,
  readForm,
  type UploadedFile,
} from '@bustapi/core'
import { BadRequest, type HTTPException, RequestEntityTooLarge, UnsupportedMediaType } from '../exceptions.js'

/** One uploaded file as core's body reader returns it. */
export type CoreUploadedFile = Pick<
  UploadedFile,
  'fieldName' | 'filename' | 'contentType' | 'size' | 'bytes' | 'text'
> & {
  readonly headers?: Readonly<Record<string, string>>
}

/** What the layer read before the view ran; `error` is raised when the view touches the body. */
export interface LoadedBody {
  bytes: Uint8Array
  fields: [string, string][]
  files: CoreUploadedFile[]
  error?: HTTPException
}

export const EMPTY_BODY: LoadedBody = Object.freeze({
  bytes: new Uint8Array(),
  fields: [],
  files: [],
}) as LoadedBody

const MiB = 1024 * 1024

/**
 * Where Flask sets no bound (`MAX_CONTENT_LENGTH` of None) the layer still keeps one, because it
 * holds bodies in memory (werkzeug spools large uploads to disk): 16 MiB for a raw body (JSON,
 * text, bytes) and 32 MiB for a whole multipart body, any one file of which may use all of it.
 * Set `MAX_CONTENT_LENGTH` to go higher or lower.
 *
 * @example
 * app.config.MAX_CONTENT_LENGTH = 100 * 1024 * 1024 // allow 100 MiB uploads
 */
export const UNBOUNDED_FALLBACK = Object.freeze({ raw: 16 * MiB, multipart: 32 * MiB })

/** Core body limits for each kind of body, from Flask's keys. */
export interface FlaskBodyLimits {
  /** JSON, text and other raw bodies: `MAX_CONTENT_LENGTH`. */
  readonly raw: BodyLimits
  /** urlencoded forms: the whole body within `MAX_FORM_MEMORY_SIZE` and `MAX_CONTENT_LENGTH`. */
  readonly urlencoded: BodyLimits
  /** multipart forms: `MAX_CONTENT_LENGTH` overall, `MAX_FORM_MEMORY_SIZE` a text field, `MAX_FORM_PARTS` parts. */
  readonly multipart: BodyLimits
}

const bound = (value: unknown): number | undefined =>
  typeof value === 'number' && value >= 0 ? value : undefined

/**
 * Core limits from Flask's keys, as werkzeug applies them: `MAX_CONTENT_LENGTH` bounds every body
 * (None: see {@link UNBOUNDED_FALLBACK}); an urlencoded body must also fit `MAX_FORM_MEMORY_SIZE`
 * as a whole (werkzeug does not count its fields); a multipart text field must fit it, and
 * `MAX_FORM_PARTS` bounds multipart parts. None for those two means no bound of their own.
 */
export function limitsFromConfig(config: Record<string, unknown>): FlaskBodyLimits {
  const mcl = config.MAX_CONTENT_LENGTH
  const memory = config.MAX_FORM_MEMORY_SIZE
  const parts = config.MAX_FORM_PARTS
  // one object per configuration, not per request
  const last = lastLimits
  if (last !== undefined && last.mcl === mcl && last.memory === memory && last.parts === parts)
    return last.limits
  const maxLength = bound(mcl)
  const field = bound(memory)
  const raw = maxLength ?? UNBOUNDED_FALLBACK.raw
  const multipart = maxLength ?? UNBOUNDED_FALLBACK.multipart
  const limits: FlaskBodyLimits = {
    raw: { ...defaultBodyLimits, maxBodySize: raw },
    urlencoded: {
      ...defaultBodyLimits,
      maxBodySize: Math.min(raw, field ?? raw),
      maxFieldSize: raw,
      maxParts: Number.POSITIVE_INFINITY,
    },
    multipart: {
      ...defaultBodyLimits,
      maxMultipartSize: multipart,
      maxFileSize: multipart,
      maxFieldSize: field ?? multipart,
      maxParts: bound(parts) ?? Number.POSITIVE_INFINITY,
    },
  }
  lastLimits = { mcl, memory, parts, limits }
  return limits
}

let lastLimits: { mcl: unknown; memory: unknown; parts: unknown; limits: FlaskBodyLimits } | undefined

/** Whether the request carries a body worth reading before the view. */
export function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length')
  if (length !== null) return length !== '0'
  // in-process Requests built with a body carry no Content-Length header
  return request.body !== null
}

/**
 * Reads the body within limits: forms as fields and files (the raw data then stays empty, as in
 * werkzeug), anything else as bytes. Failures are kept and raised when the view reads the body.
 */
export function loadBody<R>(
  c: Context,
  mimetype: string,
  limits: FlaskBodyLimits,
  use: (body: LoadedBody) => R | Promise<R>,
): Promise<R> {
  const onError = (error: unknown) => use(failed(error))
  try {
    const form =
      mimetype === 'multipart/form-data'
        ? limits.multipart
        : mimetype === 'application/x-www-form-urlencoded'
          ? limits.urlencoded
          : undefined
    if (form !== undefined) {
      return readForm(c, form).then(
        (form) => use(new Body(EMPTY_BODY.bytes, form.fields, form.files)),
        onError,
      )
    }
    return readBytes(c, limits.raw).then((bytes) => use(new Body(bytes, [], [])), onError)
  } catch (error) {
    return Promise.resolve().then(() => onError(error))
  }
}

/** A body read for one request (a class: object literals holding request data can be pretenured). */
class Body implements LoadedBody {
  constructor(
    readonly bytes: Uint8Array,
    readonly fields: [string, string][],
    readonly files: CoreUploadedFile[],
  ) {}
}

function failed(error: unknown): LoadedBody {
  return { ...EMPTY_BODY, error: toBodyException(error) }
}

function toBodyException(error: unknown): HTTPException {
  if (error instanceof BodyError) {
    if (error.status === 413) return new RequestEntityTooLarge()
    if (error.status === 415) return new UnsupportedMediaType()
  }
  return new BadRequest()
}
