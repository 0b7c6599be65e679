import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { BackgroundTasks } from '../background.js'
import { ResponseValidationError } from '../exceptions.js'
import { defaultsOf } from '../schema/defaults.js'
import { issuesToErrors } from '../validation/errors.js'
import { markBuffered } from './buffered.js'
import type { MutableResponse } from './mutable-response.js'
import {
  backgroundOf,
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  type ResponseClass,
} from './responses.js'

/** How a route turns its handler's return value into a Response. */
export interface ResponsePlan {
  readonly response_model: StandardSchemaV1 | undefined
  readonly status_code: number | undefined
  readonly response_class: ResponseClass | undefined
  readonly exclude_unset: boolean
  readonly exclude_none: boolean
  readonly exclude_defaults?: boolean
  readonly include?: ReadonlySet<string> | undefined
  readonly exclude?: ReadonlySet<string> | undefined
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Keeps only the keys the handler set itself (pydantic's `exclude_unset`), recursively. */
function keepSet(output: unknown, input: unknown): unknown {
  if (Array.isArray(output) && Array.isArray(input)) return output.map((x, i) => keepSet(x, input[i]))
  if (!isPlain(output) || input === null || typeof input !== 'object') return output
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(output)) {
    if (Object.hasOwn(input, key)) out[key] = keepSet(output[key], (input as Record<string, unknown>)[key])
  }
  return out
}

function dropNone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNone)
  if (!isPlain(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) if (value[key] != null) out[key] = dropNone(value[key])
  return out
}

/** `response_model_include` / `_exclude`: top-level field names, applied to each item of a list. */
function pickKeys(value: unknown, include?: ReadonlySet<string>, exclude?: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((x) => pickKeys(x, include, exclude))
  if (!isPlain(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value))
    if ((!include || include.has(key)) && !exclude?.has(key)) out[key] = value[key]
  return out
}

/** `response_model_exclude_defaults`: drops top-level fields equal to the model's default. */
function dropDefaults(value: unknown, defaults: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((x) => dropDefaults(x, defaults))
  if (!isPlain(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const d = defaults.get(key)
    if (!defaults.has(key) || JSON.stringify(d) !== JSON.stringify(value[key])) out[key] = value[key]
  }
  return out
}

/** Validates and filters a return value through the response model (extra keys dropped). */
export function applyResponseModel(plan: ResponsePlan, value: unknown): unknown {
  if (plan.response_model === undefined) return plan.exclude_none ? dropNone(value) : value
  const result = plan.response_model['~standard'].validate(value)
  return result instanceof Promise
    ? result.then((r) => filterOutput(plan, r, value))
    : filterOutput(plan, result, value)
}

function filterOutput(plan: ResponsePlan, result: StandardSchemaV1.Result<unknown>, value: unknown): unknown {
  if (result.issues !== undefined) {
    throw new ResponseValidationError(issuesToErrors(result.issues, ['response'], value), { body: value })
  }
  let out = result.value
  if (plan.exclude_unset) out = keepSet(out, value)
  if (plan.exclude_defaults) out = dropDefaults(out, defaultsOf(plan.response_model!))
  if (plan.include || plan.exclude) out = pickKeys(out, plan.include, plan.exclude)
  if (plan.exclude_none) out = dropNone(out)
  return out
}

type Direct = { type: string; json: boolean }

/** The response classes whose answer is a fixed content type over a serialised body (built on first use). */
let direct: ReadonlyMap<ResponseClass, Direct> | undefined

function directOf(Cls: ResponseClass): Direct | undefined {
  direct ??= new Map<ResponseClass, Direct>([
    [JSONResponse, { type: 'application/json', json: true }],
    [PlainTextResponse, { type: 'text/plain; charset=utf-8', json: false }],
    [HTMLResponse, { type: 'text/html; charset=utf-8', json: false }],
  ])
  return direct.get(Cls)
}

/**
 * Builds the route's answer: what the class would, as a plain `Response` of the runtime's current
 * class when it is one of the classes above (the common case), so adapters take their fast path.
 */
function build(Cls: ResponseClass, content: unknown, status_code: number | undefined): Response {
  const direct = directOf(Cls)
  const status = status_code ?? 200
  // Statuses without a body, or out of range, keep the class's own handling (and its errors).
  if (
    direct === undefined ||
    status < 200 ||
    status > 599 ||
    status === 204 ||
    status === 205 ||
    status === 304
  )
    return new Cls(content, status_code === undefined ? {} : { status_code })
  const body = direct.json ? JSON.stringify(content === undefined ? null : content) : (content ?? null)
  return markBuffered(
    new Response(body as BodyInit | null, { status, headers: { 'content-type': direct.type } }),
  )
}

/**
 * Builds the response: a returned Response passes through; anything else goes through the response
 * model and the response class, with the mutable `response`'s status, headers and cookies merged.
 */
export function toResponse(
  plan: ResponsePlan,
  result: unknown,
  mutable: MutableResponse,
):
  | { response: Response; background?: BackgroundTasks }
  | Promise<{ response: Response; background?: BackgroundTasks }> {
  if (result instanceof Response) return { response: result, background: backgroundOf(result) }
  const content = applyResponseModel(plan, result)
  return content instanceof Promise
    ? content.then((c) => respondWith(plan, c, mutable))
    : respondWith(plan, content, mutable)
}

function respondWith(
  plan: ResponsePlan,
  content: unknown,
  mutable: MutableResponse,
): { response: Response; background?: BackgroundTasks } {
  // Unset, the class's own default applies (307 for RedirectResponse), as FastAPI passes none.
  const status_code = mutable.status_code ?? plan.status_code
  const response = build(plan.response_class ?? JSONResponse, content, status_code)
  return { response: mutable.applyTo(response) }
}
