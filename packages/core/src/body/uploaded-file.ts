/**
 * A file part of a multipart/form-data body, held in memory (its size is bounded by
 * `maxFileSize`).
 *
 * @example
 * const { files } = await readMultipart(c)
 * for (const file of files) console.log(file.fieldName, file.filename, file.contentType, file.size)
 */
export class UploadedFile {
  /** The form field the file was sent under. */
  readonly fieldName: string
  /** The client's file name (may be empty: a file input left blank). */
  readonly filename: string
  /** The part's media type; `application/octet-stream` when the part named none. */
  readonly contentType: string
  /** The part's headers, keyed by lower-case name. */
  readonly headers: Readonly<Record<string, string>>
  readonly #bytes: Uint8Array

  constructor(init: {
    fieldName: string
    filename: string
    contentType?: string | undefined
    headers?: Readonly<Record<string, string>>
    bytes: Uint8Array
  }) {
    this.fieldName = init.fieldName
    this.filename = init.filename
    this.contentType = init.contentType || 'application/octet-stream'
    this.headers = init.headers ?? {}
    this.#bytes = init.bytes
  }

  /** The form field name (an alias of `fieldName`, as Flask's `FileStorage.name`). */
  get name(): string {
    return this.fieldName
  }

  /** Size in bytes. */
  get size(): number {
    return this.#bytes.byteLength
  }

  /** The content (the same array on every call; copy it before mutating). */
  bytes(): Uint8Array {
    return this.#bytes
  }

  /** The content decoded as UTF-8, invalid sequences replaced (as `Blob.text()` does). */
  text(): string {
    return new TextDecoder().decode(this.#bytes)
  }

  /** The content in an ArrayBuffer of its own. */
  arrayBuffer(): ArrayBuffer {
    const bytes = this.#bytes
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    return whole && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : (bytes.slice().buffer as ArrayBuffer)
  }

  /** The content as a Web stream (one chunk). */
  stream(): ReadableStream<Uint8Array> {
    const bytes = this.#bytes
    return new ReadableStream({
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(bytes)
        controller.close()
      },
    })
  }
}

/**
 * A parsed form: text fields in order (repeated names kept) and uploaded files.
 *
 * @example
 * const { fields, files } = await readForm(c)
 * const tags = fields.filter(([name]) => name === 'tag').map(([, value]) => value)
 */
export interface ParsedForm {
  fields: [string, string][]
  files: UploadedFile[]
}
