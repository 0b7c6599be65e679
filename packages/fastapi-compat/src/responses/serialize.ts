import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { BackgroundTasks } from '../background.js'
import { ResponseValidationError } from '../exceptions.js'
import { defaultsOf } from '../schema/defaults.js'
import { issuesToErrors } from '../validation/errors.js'
import type { MutableResponse } from './mutable-response.js'
import { backgroundOf, JSONResponse, type ResponseClass } from './responses.js'

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
export async function applyResponseModel(plan: ResponsePlan, value: unknown): Promise<unknown> {
  let out = value
  if (plan.response_model !== undefined) {
    let result = plan.response_model['~standard'].validate(value)
    if (result instanceof Promise) result = await result
    if (result.issues !== undefined) {
      throw new ResponseValidationError(issuesToErrors(result.issues, ['response'], value), { body: value })
    }
    out = result.value
    if (plan.exclude_unset) out = keepSet(out, value)
    if (plan.exclude_defaults) out = dropDefaults(out, defaultsOf(plan.response_model))
    if (plan.include || plan.exclude) out = pickKeys(out, plan.include, plan.exclude)
  }
  if (plan.exclude_none) out = dropNone(out)
  return out
}

/**
 * Builds the response: a returned Response passes through; anything else goes through the response
 * model and the response class, with the mutable `response`'s status, headers and cookies merged.
 */
export async function toResponse(
  plan: ResponsePlan,
  result: unknown,
  mutable: MutableResponse,
): Promise<{ response: Response; background?: BackgroundTasks }> {
  if (result instanceof Response) return { response: result, background: backgroundOf(result) }
  const content = await applyResponseModel(plan, result)
  // Unset, the class's own default applies (307 for RedirectResponse), as FastAPI passes none.
  const status_code = mutable.status_code ?? plan.status_code
  const Cls = plan.response_class ?? JSONResponse
  const response = new Cls(content, status_code === undefined ? {} : { status_code })
  return { response: mutable.applyTo(response) }
}
