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

/**
 * Core limits from Flask's keys. `MAX_CONTENT_LENGTH` of null keeps core's bounds (1 MiB for
 * raw bodies, 32 MiB multipart) rather than Flask's "unlimited": a body is never read unbounded.
 */
export function limitsFromConfig(config: Record<string, unknown>): BodyLimits {
  const mcl = config.MAX_CONTENT_LENGTH
  const memory = config.MAX_FORM_MEMORY_SIZE
  const parts = config.MAX_FORM_PARTS
  // one object per configuration, not per request
  const last = lastLimits
  if (last !== undefined && last.mcl === mcl && last.memory === memory && last.parts === parts)
    return last.limits
  const limits: BodyLimits = { ...defaultBodyLimits }
  if (typeof mcl === 'number') {
    limits.maxBodySize = mcl
    limits.maxMultipartSize = mcl
    limits.maxFileSize = mcl
  } else {
    limits.maxFileSize = limits.maxMultipartSize ?? limits.maxFileSize
  }
  if (typeof memory === 'number') limits.maxFieldSize = memory
  if (typeof parts === 'number') limits.maxParts = parts
  lastLimits = { mcl, memory, parts, limits }
  return lastLimits.limits
}

let lastLimits: { mcl: unknown; memory: unknown; parts: unknown; limits: BodyLimits } | undefined

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
export function loadBody(c: Context, mimetype: string, limits: BodyLimits): Promise<LoadedBody> {
  try {
    return readBody(c, mimetype, limits)
  } catch (error) {
    return Promise.resolve(failed(error))
  }
}

function readBody(c: Context, mimetype: string, limits: BodyLimits): Promise<LoadedBody> {
  if (mimetype === 'application/x-www-form-urlencoded' || mimetype === 'multipart/form-data') {
    return readForm(c, limits).then(
      (form) => ({ bytes: EMPTY_BODY.bytes, fields: form.fields, files: form.files }),
      failed,
    )
  }
  return readBytes(c, limits).then((bytes) => ({ bytes, fields: [], files: [] }), failed)
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
