import type { StandardSchemaV1 } from '@standard-schema/spec'
import { FILE_SCHEMA } from '../params/upload-file.js'

/** Whether a `File(...)` schema asks for bytes instead of `UploadFile`s. */
export function fileBytesMarker(schema: StandardSchemaV1): boolean {
  return (schema as { [FILE_SCHEMA]?: { bytes: boolean } })[FILE_SCHEMA]?.bytes === true
}
