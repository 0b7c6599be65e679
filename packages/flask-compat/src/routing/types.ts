/**
 * The TypeScript type each converter produces. Add your own converters by declaration merging:
 *
 * @example
 * declare module '@bustapi/flask-compat' { interface ConverterTypes { list: string[] } }
 */
export interface ConverterTypes {
  default: string
  string: string
  path: string
  uuid: string
  int: number
  float: number
}

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S
type Unquote<S extends string> = S extends `"${infer R}"` | `'${infer R}'` ? R : S
type AnyItems<S extends string> = S extends `${infer A},${infer B}`
  ? Unquote<Trim<A>> | AnyItems<B>
  : Unquote<Trim<S>>

type ConverterValue<C extends string> = C extends `any(${infer Items})`
  ? AnyItems<Items>
  : C extends `${infer Base}(${string}`
    ? ConverterValue<Base>
    : C extends keyof ConverterTypes
      ? ConverterTypes[C]
      : unknown

type Variable<V extends string> = V extends `${infer C}:${infer N}`
  ? { [K in N]: ConverterValue<C> }
  : { [K in V]: string }

type Collect<R extends string> = R extends `${string}<${infer V}>${infer Rest}`
  ? Variable<V> & Collect<Rest>
  : unknown

type Simplify<T> = { [K in keyof T]: T[K] } & {}

/**
 * The view arguments of a Flask rule, computed from the rule string.
 *
 * @example
 * type A = RuleParams<'/u/<int:id>/<name>'> // { id: number; name: string }
 */
export type RuleParams<R extends string> = string extends R ? Record<string, unknown> : Simplify<Collect<R>>
