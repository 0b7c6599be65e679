import type { HTTPException } from '../exceptions.js'
import type { Response } from '../wrappers/response.js'

type Awaitable<T> = T | Promise<T>

/** A response body a view may return (Flask's `str`, `bytes`, `dict`, `list`, iterator, Response). */
export type ResponseValue =
  | string
  | Uint8Array
  | Response
  | globalThis.Response
  | HTTPException
  | ReadableStream<Uint8Array>
  | Iterator<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | Record<string, unknown>
  | readonly unknown[]
  | object

/** Headers a view may add: a Headers, a plain object or a list of pairs. */
export type HeadersValue = HeadersInit | Record<string, string | readonly string[]>

/** What a view returns: a body, or `[body, status]`, `[body, headers]`, `[body, status, headers]`. */
export type ViewReturn =
  | ResponseValue
  | readonly [ResponseValue, number | string]
  | readonly [ResponseValue, HeadersValue]
  | readonly [ResponseValue, number | string, HeadersValue]

/** A view function: receives the rule's variables as one object. */
export type View<Args = Record<string, unknown>> = (args: Args) => Awaitable<ViewReturn>

/** `before_request`: a returned value other than undefined/null ends the request with it. */
export type BeforeRequestFn = () => Awaitable<ViewReturn | undefined | null | void>
/** `after_request`: gets the response and returns it (or a replacement). */
export type AfterRequestFn = (response: Response) => Awaitable<Response>
/** `teardown_request` / `teardown_appcontext`: always runs, with the unhandled error or null. */
export type TeardownFn = (error: unknown) => Awaitable<unknown>
/** `url_value_preprocessor`: may pull values out of `values` before the view runs. */
export type UrlValuePreprocessorFn = (
  endpoint: string | null,
  values: Record<string, unknown> | null,
) => unknown
/** `url_defaults`: may fill in `values` before `url_for` builds a URL. */
export type UrlDefaultsFn = (endpoint: string, values: Record<string, unknown>) => unknown
/** `context_processor`: variables added to every template. */
export type ContextProcessorFn = () => Awaitable<Record<string, unknown>>
/** An error handler: turns the error into a response value. */
export type ErrorHandlerFn<E = unknown> = (error: E) => Awaitable<ViewReturn>

/** The keyword options of `route()` / `add_url_rule()`. */
export interface RouteOptions {
  methods?: readonly string[]
  endpoint?: string
  defaults?: Record<string, unknown>
  strict_slashes?: boolean
  provide_automatic_options?: boolean
  redirect_to?: string
}

/** An error class or a status code, as `errorhandler` takes. */
export type ErrorKey = number | (abstract new (...args: never[]) => unknown)
