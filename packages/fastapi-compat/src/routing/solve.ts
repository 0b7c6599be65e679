import { getCookie } from '@bustapi/core'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context } from 'hono'
import type { BackgroundTasks } from '../background.js'
import { SecurityScopes, scopeOf } from '../dependencies/depends.js'
import type { HandlerContext } from '../dependencies/handler-types.js'
import { FastAPIError } from '../exceptions.js'
import type { FormBody, JsonBody } from '../internal/body.js'
import { coerceString } from '../params/coerce.js'
import { laxBody } from '../params/coerce-deep.js'
import { extraKeyErrors } from '../params/extra-keys.js'
import { paramModelOf } from '../params/param-model.js'
import { type Dependency, type DependencyTarget, isSecurityDependency } from '../params/types.js'
import type { MutableResponse } from '../responses/mutable-response.js'
import { type ErrorItem, errorItem } from '../validation/error-types.js'
import { issuesToErrors } from '../validation/errors.js'
import { addScopes, type Dependant, type Field } from './analyse.js'
import { fileBytesMarker } from './file-values.js'
import { chain, type MaybePromise } from './maybe-promise.js'

/** A generator dependency suspended at its `yield`. */
export type Exit = AsyncGenerator<unknown, unknown, unknown> | Generator<unknown, unknown, unknown>

/** Everything one request's solving shares: the context, the read body, the cache and exit stack. */
export interface SolveState {
  readonly c: Context
  /** The query string, parsed on first use (only routes with query parameters pay for it). */
  query: URLSearchParams | undefined
  readonly json: JsonBody | undefined
  readonly form: FormBody | undefined
  /** One non-embedded body parameter takes the whole body. */
  readonly wholeBody: boolean
  readonly response: MutableResponse
  readonly background_tasks: BackgroundTasks
  /** Dependency values of this request, created on first use (routes without dependencies skip it). */
  cache: Map<unknown, unknown> | undefined
  /** Generators closed after the response is sent (scope `'request'`, the default). */
  readonly exits: Exit[]
  /** Generators closed when the handler returns, before the response (scope `'function'`). */
  readonly function_exits: Exit[]
  readonly errors: ErrorItem[]
  readonly resolve: (target: DependencyTarget) => {
    target: DependencyTarget
    dependant: Dependant | undefined
  }
}

const LOC: Record<string, string> = {
  path: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
  body: 'body',
  form: 'body',
  file: 'body',
}

function raw(field: Field, s: SolveState): unknown {
  switch (field.kind) {
    case 'path':
      return s.c.req.param(field.wire)
    case 'query': {
      const query = (s.query ??= new URL(s.c.req.url).searchParams)
      return field.shape.array
        ? nonEmpty(query.getAll(field.wire))
        : (query.getAll(field.wire).at(-1) ?? undefined)
    }
    case 'header': {
      const value = s.c.req.raw.headers.get(field.wire)
      if (value === null) return undefined
      return field.shape.array ? value.split(/,\s*/) : value
    }
    case 'cookie':
      return getCookie(s.c, field.wire)
    case 'body': {
      const body = s.json
      if (body === undefined || !('present' in body) || !body.present) return undefined
      // FastAPI treats a null body (or null embedded key) as missing.
      if (s.wholeBody) return body.value ?? undefined
      const v = body.value
      return v !== null && typeof v === 'object' && !Array.isArray(v)
        ? ((v as Record<string, unknown>)[field.wire] ?? undefined)
        : undefined
    }
    case 'form': {
      const values = s.form?.fields.get(field.wire)
      return values === undefined ? undefined : field.shape.array ? values : values.at(-1)
    }
    case 'file': {
      const files = s.form?.files.get(field.wire)
      if (files === undefined || files.length === 0) return undefined
      return fileBytesMarker(field.schema)
        ? fileValues(files, field.shape.array)
        : field.shape.array
          ? files
          : files[0]
    }
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list
}

async function fileValues(files: { read(): Promise<Uint8Array> }[], array: boolean): Promise<unknown> {
  const all = await Promise.all(files.map((f) => f.read()))
  return array ? all : all[0]
}

/** Validates one value against a schema (sync or async), returning the output or its issues. */
export function validate(
  schema: StandardSchemaV1,
  value: unknown,
): StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>> {
  return schema['~standard'].validate(value)
}

function locOf(field: Field, s: SolveState): (string | number)[] {
  return field.kind === 'body' && s.wholeBody ? ['body'] : [LOC[field.kind]!, field.wire]
}

function solveField(field: Field, s: SolveState): MaybePromise<unknown> {
  const value = raw(field, s)
  return value instanceof Promise ? value.then((v) => checkField(field, s, v)) : checkField(field, s, value)
}

/** Coerces and validates one read value; errors go to `s.errors` and the result is undefined. */
function checkField(field: Field, s: SolveState, input: unknown): MaybePromise<unknown> {
  let value = input
  if (value === undefined) {
    if (field.hasDefault) return field.default
    return chain(validate(field.schema, undefined), (result) => {
      if (result.issues === undefined) return result.value
      s.errors.push(errorItem('missing', locOf(field, s), null))
      return undefined
    })
  }
  if (field.kind !== 'body' && field.kind !== 'file') {
    const scalar = field.shape.scalar
    if (scalar === 'integer' || scalar === 'number' || scalar === 'boolean') {
      const loc = locOf(field, s)
      if (Array.isArray(value)) {
        const out: unknown[] = []
        let failed = false
        for (let i = 0; i < value.length; i++) {
          const r = coerceString(value[i] as string, scalar, [...loc, i])
          if (r.error) {
            s.errors.push(r.error)
            failed = true
          } else out.push(r.value)
        }
        if (failed) return undefined
        value = out
      } else {
        const r = coerceString(value as string, scalar, loc)
        if (r.error) {
          s.errors.push(r.error)
          return undefined
        }
        value = r.value
      }
    }
  }
  const fail = (issues: readonly StandardSchemaV1.Issue[]) => {
    // pydantic echoes what was received ('150', not 150): the value before coercion.
    s.errors.push(...issuesToErrors(issues, locOf(field, s), input, field.schema))
    return undefined
  }
  if (field.kind === 'body') {
    // Most bodies already have the declared types; pydantic's lax conversions ('1' for an int)
    // are tried only when the value as sent fails, which spares a walk of every valid body.
    const strict = value
    return chain(validate(field.schema, strict), (result) => {
      if (result.issues === undefined) return result.value
      const lax = laxBody(field.schema, strict)
      return chain(validate(field.schema, lax), (again) =>
        again.issues === undefined ? again.value : fail(again.issues),
      )
    })
  }
  return chain(validate(field.schema, value), (result) =>
    result.issues === undefined ? result.value : fail(result.issues),
  )
}

function isGenerator(value: unknown): value is Exit {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Exit).next === 'function' &&
    typeof (value as Exit).throw === 'function' &&
    (Symbol.asyncIterator in value || Symbol.iterator in value)
  )
}

/** A dependency whose own parameters failed: not called, and its name gets no value. */
const SKIP: unique symbol = Symbol('skip')

let noScopes: SecurityScopes | undefined

/**
 * Solves a dependant for one request (FastAPI's `solve_dependencies`): sub-dependencies first
 * (cached per request by function), then its own parameters; errors accumulate in `s.errors`, and a
 * dependency whose own parameters failed is not called. Synchronous until a step is asynchronous
 * (a body read, an async dependency or schema), so simple routes pay no promise per step.
 */
export function solve(
  dependant: Dependant,
  s: SolveState,
  scopes: readonly string[],
): MaybePromise<Record<string, unknown>> {
  return solveFrom(dependant, s, scopes, {}, 0)
}

function solveFrom(
  d: Dependant,
  s: SolveState,
  scopes: readonly string[],
  values: Record<string, unknown>,
  start: number,
): MaybePromise<Record<string, unknown>> {
  const deps = d.deps.length
  const total = deps + d.fields.length
  for (let i = start; i < total; i++) {
    const value = i < deps ? solveDependency(d.deps[i]!.dep, s, scopes) : solveField(d.fields[i - deps]!, s)
    if (value instanceof Promise) {
      return value.then((v) => {
        assign(d, values, i, v)
        return solveFrom(d, s, scopes, values, i + 1)
      })
    }
    assign(d, values, i, value)
  }
  return values
}

function assign(d: Dependant, values: Record<string, unknown>, i: number, value: unknown): void {
  const deps = d.deps.length
  if (i < deps) {
    const name = d.deps[i]!.name
    if (name !== undefined && value !== SKIP) values[name] = value
  } else if (value !== undefined) values[d.fields[i - deps]!.name] = value
}

function remember(s: SolveState, key: unknown, value: unknown): unknown {
  ;(s.cache ??= new Map()).set(key, value)
  return value
}

function solveDependency(dep: Dependency, s: SolveState, scopes: readonly string[]): unknown {
  const inner = dep.security && dep.scopes.length > 0 ? addScopes(scopes, dep.scopes) : scopes
  const { target, dependant: sub } = s.resolve(dep.dependency)
  // FastAPI caches per (function, scopes, scope): Security(f, ['a']) and ['b'] stay apart, and a
  // function-scoped value (closed before the response) is never handed to a request-scoped user.
  const scope = scopeOf(dep)
  const key =
    (inner.length > 0 && dep.scopes.length > 0) || scope === 'function'
      ? scopedKey(target, dep.scopes.length > 0 ? inner : [], scope)
      : target
  if (dep.use_cache && s.cache?.has(key)) return s.cache.get(key)
  if (isSecurityDependency(target)) {
    return chain(target.call(s.c.req.raw, [...inner]), (value) => remember(s, key, value))
  }
  const before = s.errors.length
  return chain(sub ? solve(sub, s, inner) : {}, (subValues) => {
    const model = paramModelOf(target)
    if (model?.forbidExtra) s.errors.push(...extraKeyErrors(model, s))
    if (s.errors.length > before) return SKIP
    const ctx: HandlerContext = {
      request: s.c.req.raw,
      response: s.response,
      background_tasks: s.background_tasks,
      security_scopes: inner.length === 0 ? (noScopes ??= new SecurityScopes()) : new SecurityScopes(inner),
      c: s.c,
    }
    const call = sub?.call ?? (target as (v: unknown, c: HandlerContext) => unknown)
    const result = call(subValues, ctx)
    if (isGenerator(result)) {
      const gen = result
      return chain(gen.next(), (step) => {
        ;(scope === 'function' ? s.function_exits : s.exits).push(gen)
        return remember(s, key, step.value)
      })
    }
    if (result instanceof Promise) return result.then((value) => remember(s, key, value))
    return remember(s, key, result)
  })
}

const scopedKeys = new WeakMap<object, Map<string, object>>()

/** A stable cache key for a dependency solved under a given set of scopes. */
function scopedKey(target: DependencyTarget, scopes: readonly string[], scope: string | undefined): unknown {
  let byScopes = scopedKeys.get(target)
  if (byScopes === undefined) scopedKeys.set(target, (byScopes = new Map()))
  const name = `${scope ?? ''}|${[...new Set(scopes)].sort().join(' ')}`
  let key = byScopes.get(name)
  if (key === undefined) byScopes.set(name, (key = { target, scopes: name }))
  return key
}

/**
 * Runs the code after `yield` of every generator dependency, innermost first. With an error, the
 * error is thrown into each generator so its `catch` sees it. A generator that swallows the error
 * leaves the request without a response: that is a `FastAPIError` (a server error), as in FastAPI.
 */
export async function exitDependencies(exits: readonly Exit[], error?: unknown): Promise<void> {
  let current = error
  let failed = error !== undefined
  let swallowed = false
  for (let i = exits.length - 1; i >= 0; i--) {
    const gen = exits[i]!
    try {
      if (failed) {
        await gen.throw(current)
        failed = false
        current = undefined
        swallowed = true
      } else await gen.next()
    } catch (next) {
      current = next
      failed = true
    }
  }
  if (failed) throw current
  if (swallowed) throw new FastAPIError(SWALLOWED)
}

const SWALLOWED =
  'No response was produced: the application code is raising an exception and a dependency with yield ' +
  'caught it without raising it again. Re-throw the error (or throw an HTTPException) in its catch block.'
