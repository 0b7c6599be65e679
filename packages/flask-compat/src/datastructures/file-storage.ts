import type { CoreUploadedFile } from '../internal/body.js'

/**
 * An uploaded file with werkzeug's `FileStorage` names: `filename`, `mimetype`, `read()`, `save()`.
 *
 * @example
 * const f = request.files.get('avatar')
 * if (f) await f.save(`/tmp/${secure_filename(f.filename)}`)
 */
export class FileStorage {
  readonly name: string
  readonly filename: string
  readonly content_type: string
  readonly content_length: number
  readonly #file: CoreUploadedFile

  constructor(file: CoreUploadedFile) {
    this.#file = file
    this.name = file.fieldName
    this.filename = file.filename
    this.content_type = file.contentType
    this.content_length = file.size
  }
  get mimetype(): string {
    return this.content_type.split(';')[0]!.trim().toLowerCase()
  }
  get headers(): Record<string, string> {
    return this.#file.headers ?? { 'content-type': this.content_type }
  }
  /** The whole content as bytes. */
  read(): Uint8Array {
    return this.#file.bytes()
  }
  /** The content decoded as UTF-8. */
  text(): string {
    return this.#file.text()
  }
  /** A Web stream over the content. */
  get stream(): ReadableStream<Uint8Array> {
    return new Blob([this.read() as BlobPart]).stream()
  }
  /** Writes the content to a file path (needs a runtime with `node:fs`). */
  async save(destination: string): Promise<void> {
    const fs = await import('node:fs/promises')
    await fs.writeFile(destination, this.read())
  }
  toString(): string {
    return `<FileStorage: '${this.filename}' ('${this.content_type}')>`
  }
}
