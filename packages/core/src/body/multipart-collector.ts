import {
  MaxFileSizeExceededError,
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  MultipartParser,
  type MultipartPart,
} from '@remix-run/multipart-parser'
import { BodyError, tooLarge } from './body-error.js'
import type { BodyLimits } from './limits.js'
import { decodeUtf8 } from './read-text.js'
import { fieldTooLarge, tooManyParts } from './read-urlencoded.js'
import { type ParsedForm, UploadedFile } from './uploaded-file.js'

type Limits = Readonly<Required<BodyLimits>>

/**
 * Feeds multipart/form-data chunks to the streaming parser and collects fields and files,
 * applying the field and file limits per part. Errors are the parser's; {@link toBodyError} maps them.
 */
export class MultipartCollector {
  readonly form: ParsedForm = { fields: [], files: [] }
  readonly #parser: MultipartParser
  readonly #limits: Limits

  constructor(boundary: string, limits: Limits) {
    this.#limits = limits
    this.#parser = new MultipartParser(boundary, {
      maxHeaderSize: limits.maxHeaderSize,
      // The parser has one per-part limit; text fields get their own, smaller one below.
      maxFileSize: Math.max(limits.maxFileSize, limits.maxFieldSize),
      maxParts: limits.maxParts,
      maxTotalSize: limits.maxMultipartSize,
    })
  }

  write(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return
    for (const part of this.#parser.write(chunk)) this.#add(part)
  }

  /** Throws when the body ended before its closing boundary. */
  finish(): ParsedForm {
    this.#parser.finish()
    return this.form
  }

  #add(part: MultipartPart): void {
    const name = part.name
    if (name === undefined) {
      throw new BodyError(400, 'malformed', 'A multipart part has no name in its Content-Disposition header.')
    }
    const filename = part.filename
    const size = part.size
    const bytes = part.content.length === 1 ? part.content[0]! : part.bytes
    if (filename === undefined) {
      if (size > this.#limits.maxFieldSize) throw fieldTooLarge(name, this.#limits.maxFieldSize)
      this.form.fields.push([name, decodeUtf8(bytes, `Form field '${name}'`)])
      return
    }
    if (size > this.#limits.maxFileSize) throw fileTooLarge(this.#limits.maxFileSize)
    const headers = part.headers as Readonly<Record<string, string>>
    this.form.files.push(
      new UploadedFile({ fieldName: name, filename, contentType: headers['content-type'], headers, bytes }),
    )
  }
}

function fileTooLarge(limit: number): BodyError {
  return new BodyError(413, 'file_too_large', `Uploaded file is larger than the limit of ${limit} bytes.`)
}

/**
 * Maps what multipart parsing threw to the BodyError a client should see; anything unknown is
 * returned as is.
 */
export function toBodyError(error: unknown, limits: Limits): unknown {
  if (error instanceof BodyError) return error
  if (error instanceof MaxPartsExceededError) return withCause(tooManyParts(limits.maxParts), error)
  if (error instanceof MaxFileSizeExceededError) {
    return withCause(fileTooLarge(Math.max(limits.maxFileSize, limits.maxFieldSize)), error)
  }
  if (error instanceof MaxTotalSizeExceededError) {
    return withCause(tooLarge(limits.maxMultipartSize, 'Multipart body'), error)
  }
  if (error instanceof MaxHeaderSizeExceededError) {
    return withCause(tooLarge(limits.maxHeaderSize, "A multipart part's header block"), error)
  }
  if (error instanceof MultipartParseError) {
    return new BodyError(400, 'malformed', `Malformed multipart body: ${error.message}.`, { cause: error })
  }
  // The parser decodes part headers strictly as UTF-8 and throws a TypeError on anything else.
  if (error instanceof TypeError) {
    return new BodyError(400, 'malformed', 'Malformed multipart body: a part header is not valid UTF-8.', {
      cause: error,
    })
  }
  return error
}

function withCause(error: BodyError, cause: unknown): BodyError {
  error.cause = cause
  return error
}
