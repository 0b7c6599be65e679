/** A value now, or later: the request path stays synchronous until something is asynchronous. */
export type MaybePromise<T> = T | Promise<T>

/**
 * Applies `f` to a value now, or once its promise settles. A route whose parameters, dependencies
 * and handler are all synchronous is answered without a single microtask hop.
 *
 * @example
 * chain(validate(schema, raw), (result) => result.value)
 */
// Not named `then`: a module exporting `then` makes its namespace a thenable, and `await import()`
// of it would call the export instead of resolving to the module.
export function chain<T, R>(value: MaybePromise<T>, f: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value)
}
