import { BodyError, isJsonMediaType, mediaTypeOf, readBytes } from '@bustapi/core'
import type { Context } from 'hono'
import { HTTPException } from '../exceptions.js'
import { UploadFile } from '../params/upload-file.js'
import type { ErrorItem } from '../validation/error-types.js'
import { jsonInvalid } from '../validation/errors.js'

/** Largest non-multipart body read (1 MiB), and largest multipart body (16 MiB). */
const MAX_BODY = 1 << 20
const MAX_MULTIPART = 16 << 20
const MAX_PARTS = 1000

/** What the route's body parameters see: parsed JSON, raw text for non-JSON types, or nothing. */
export type JsonBody =
  | { present: false }
  | { present: true; value: unknown }
  | { error: ErrorItem; raw: string }

function isJsonType(type: string | undefined, strict: boolean): boolean {
  // FastAPI's strict_content_type (default): a body without a content type is not JSON.
  if (!type) return !strict
  return type === 'application/json' || isJsonMediaType(mediaTypeOf(type))
}

const utf8 = new TextDecoder()
const LIMITS = { maxBodySize: MAX_BODY }

// Core's reader: on Node it takes the bytes straight from the socket, within the limit.
function readText(c: Context): Promise<string> {
  return readBytes(c, LIMITS).then(
    (bytes) => utf8.decode(bytes),
    (error) => {
      if (!(error instanceof BodyError)) throw error
      if (error.status === 413) throw new HTTPException(413, 'Request Entity Too Large')
      throw new HTTPException(400, 'There was an error parsing the body')
    },
  )
}

const PY_MESSAGES: Array<[RegExp, string]> = [
  [/property name/i, 'Expecting property name enclosed in double quotes'],
  [/Expected ',' or '}'|Expected ',' or ']'/, "Expecting ',' delimiter"],
  [/Expected ':'/, "Expecting ':' delimiter"],
  [/non-whitespace character after JSON/, 'Extra data'],
  [/Bad control character|Bad escaped|Unterminated string/, 'Invalid control character'],
]

/** Parses JSON, or describes the error as Python's `json` module would (offset and message). */
export function parseJson(text: string): { value: unknown } | { error: ErrorItem } {
  try {
    return { value: JSON.parse(text) }
  } catch (error) {
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)
    const position = at ? Number(at[1]) : text.length
    const py = PY_MESSAGES.find(([re]) => re.test(message))?.[1] ?? 'Expecting value'
    return { error: jsonInvalid(position, py) }
  }
}

/**
 * Reads the body for JSON body parameters as FastAPI does: JSON for a JSON (or missing) content
 * type (or none, when not `strict`), the raw text otherwise (which then fails model validation).
 */
export async function readJsonBody(c: Context, strict = true): Promise<JsonBody> {
  const text = await readText(c)
  if (text === '') return { present: false }
  if (!isJsonType(c.req.header('content-type'), strict)) return { present: true, value: text }
  const parsed = parseJson(text)
  return 'error' in parsed ? { error: parsed.error, raw: text } : { present: true, value: parsed.value }
}

/** A form as the parameters see it: fields and files by name, in order. */
export interface FormBody {
  fields: Map<string, string[]>
  files: Map<string, UploadFile[]>
}

/**
 * Reads a urlencoded or multipart form; any other content type is an empty form (its fields are
 * then reported missing, as in FastAPI).
 */
export async function readFormBody(c: Context): Promise<FormBody> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  const form: FormBody = { fields: new Map(), files: new Map() }
  const multipart = type.startsWith('multipart/form-data')
  if (!multipart && !type.startsWith('application/x-www-form-urlencoded')) return form
  const length = Number(c.req.header('content-length') ?? '0')
  if (length > (multipart ? MAX_MULTIPART : MAX_BODY))
    throw new HTTPException(413, 'Request Entity Too Large')
  let data: FormData
  try {
    data = await c.req.raw.clone().formData()
  } catch {
    throw new HTTPException(400, 'There was an error parsing the body')
  }
  let parts = 0
  for (const [name, value] of data) {
    if (++parts > MAX_PARTS)
      throw new HTTPException(400, `Too many fields. Maximum number of fields is ${MAX_PARTS}.`)
    if (typeof value === 'string') {
      const list = form.fields.get(name)
      if (list) list.push(value)
      else form.fields.set(name, [value])
    } else {
      const bytes = new Uint8Array(await value.arrayBuffer())
      const file = new UploadFile({
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        size: bytes.length,
        headers: { 'content-type': value.type || 'application/octet-stream' },
        bytes: () => bytes,
      })
      const list = form.files.get(name)
      if (list) list.push(file)
      else form.files.set(name, [file])
    }
  }
  return form
}
