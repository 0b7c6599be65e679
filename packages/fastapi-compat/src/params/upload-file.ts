import type { StandardSchemaV1 } from '@standard-schema/spec'

/** The parts of core's `UploadedFile` this layer reads. */
export interface UploadedFileLike {
  readonly filename: string
  readonly contentType: string
  readonly size: number
  readonly headers: Record<string, string>
  bytes(): Uint8Array
}

/**
 * FastAPI's `UploadFile`: an uploaded file with its name, type, size and content.
 *
 * @example
 * app.post('/uploadfile/', { params: { file: File() } }, async ({ file }) => ({ filename: file.filename, size: (await file.read()).length }))
 */
export class UploadFile {
  readonly filename: string
  readonly content_type: string
  readonly size: number
  readonly headers: Record<string, string>
  readonly #bytes: Uint8Array
  #position = 0

  constructor(source: UploadedFileLike) {
    this.filename = source.filename
    this.content_type = source.contentType
    this.size = source.size
    this.headers = source.headers
    this.#bytes = source.bytes()
  }

  /** Reads `size` bytes from the current position (all the rest by default). */
  async read(size = -1): Promise<Uint8Array> {
    const end = size < 0 ? this.#bytes.length : Math.min(this.#bytes.length, this.#position + size)
    const chunk = this.#bytes.subarray(this.#position, end)
    this.#position = end
    return chunk
  }

  /** Moves the read position. */
  async seek(offset: number): Promise<void> {
    this.#position = Math.max(0, Math.min(offset, this.#bytes.length))
  }

  /** The whole content as UTF-8 text. */
  async text(): Promise<string> {
    return new TextDecoder().decode(this.#bytes)
  }

  async close(): Promise<void> {}
}

/** Marks schemas this package makes so the OpenAPI generator can render `format: binary`. */
export const FILE_SCHEMA: unique symbol = Symbol.for('bustapi.fastapi.file-schema')

function fileSchema<T>(
  test: (value: unknown) => value is T,
  expected: string,
  list: boolean,
): StandardSchemaV1<T> & { [FILE_SCHEMA]: { list: boolean; bytes: boolean }; jsonSchema: object } {
  const bytes = expected.includes('bytes')
  const item = { type: 'string', format: 'binary' }
  return {
    [FILE_SCHEMA]: { list, bytes },
    jsonSchema: list ? { type: 'array', items: item } : item,
    '~standard': {
      version: 1,
      vendor: 'bustapi',
      validate: (value) => (test(value) ? { value } : { issues: [{ message: `Expected ${expected}` }] }),
    },
  }
}

const isUpload = (v: unknown): v is UploadFile => v instanceof UploadFile

/**
 * The schema of one uploaded file, the default of `File()`.
 * @example
 * params: { file: File(uploadFile) }
 */
export const uploadFile = fileSchema(isUpload, 'an UploadFile', false)
/**
 * The schema of several files under one field name.
 * @example
 * params: { files: File(uploadFiles) }
 */
export const uploadFiles = fileSchema(
  (v): v is UploadFile[] => Array.isArray(v) && v.every(isUpload),
  'a list of UploadFile',
  true,
)
/**
 * One uploaded file read as bytes (FastAPI's `file: bytes = File()`).
 * @example
 * params: { file: File(fileBytes) }
 */
export const fileBytes = fileSchema((v): v is Uint8Array => v instanceof Uint8Array, 'bytes', false)
/**
 * Several uploaded files read as bytes (`files: list[bytes] = File()`).
 * @example
 * params: { files: File(filesBytes) }
 */
export const filesBytes = fileSchema(
  (v): v is Uint8Array[] => Array.isArray(v) && v.every((x) => x instanceof Uint8Array),
  'a list of bytes',
  true,
)
