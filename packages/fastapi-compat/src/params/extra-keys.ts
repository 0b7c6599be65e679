import { getCookie } from '@bustapi/core'
import type { Context } from 'hono'
import type { FormBody } from '../internal/body.js'
import { type ErrorItem, errorItem } from '../validation/error-types.js'
import type { ParamModelInfo } from './param-model.js'

/** What the extra-key check reads of one request. */
export interface ExtraKeySource {
  readonly c: Context
  query: URLSearchParams | undefined
  readonly form: FormBody | undefined
}

/** Each received key once, with its last value (Starlette's multidicts keep the last one). */
function received(model: ParamModelInfo, s: ExtraKeySource): Map<string, unknown> {
  const out = new Map<string, unknown>()
  switch (model.kind) {
    case 'query':
      for (const [key, value] of (s.query ??= new URL(s.c.req.url).searchParams)) out.set(key, value)
      break
    case 'header':
      for (const [key, value] of s.c.req.raw.headers) out.set(key, value)
      break
    case 'cookie':
      for (const [key, value] of Object.entries(getCookie(s.c))) out.set(key, value)
      break
    case 'form':
      for (const [key, values] of s.form?.fields ?? []) out.set(key, values.at(-1))
      // An uploaded file is echoed by its name (pydantic would show the UploadFile object).
      for (const [key, files] of s.form?.files ?? []) out.set(key, files.at(-1)?.filename ?? null)
      break
  }
  return out
}

/**
 * pydantic's `extra_forbidden` items for the keys a strict parameter model did not declare:
 * `loc` is the source and the key as received, `input` its value.
 *
 * @example
 * extraKeyErrors(model, s) // [{ type: 'extra_forbidden', loc: ['query', 'tool'], input: 'plumbus', ... }]
 */
export function extraKeyErrors(model: ParamModelInfo, s: ExtraKeySource): ErrorItem[] {
  const errors: ErrorItem[] = []
  const loc = model.kind === 'form' ? 'body' : model.kind
  for (const [key, value] of received(model, s)) {
    if (!model.known.has(key)) errors.push(errorItem('extra_forbidden', [loc, key], value))
  }
  return errors
}
