import * as v from 'valibot'

/** What a client sends to create or replace an item. */
export const ItemCreate = v.pipe(
  v.object({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    description: v.nullish(v.pipe(v.string(), v.maxLength(300)), null),
    price: v.pipe(v.number(), v.gtValue(0)),
    tax: v.nullish(v.pipe(v.number(), v.minValue(0)), null),
  }),
  v.title('ItemCreate'),
)

/** A partial update: every field optional (`exclude_unset` semantics come from which keys are sent). */
export const ItemUpdate = v.pipe(v.partial(ItemCreate.pipe[0]), v.title('ItemUpdate'))

/** An item as the API returns it. */
export const Item = v.pipe(
  v.object({ ...ItemCreate.pipe[0].entries, id: v.pipe(v.number(), v.integer()), owner: v.string() }),
  v.title('Item'),
)
export type Item = v.InferOutput<typeof Item>

/** A user as the API shows it (never with its password hash). */
export const User = v.pipe(
  v.object({
    username: v.string(),
    full_name: v.nullish(v.string(), null),
    disabled: v.optional(v.boolean(), false),
  }),
  v.title('User'),
)
export type User = v.InferOutput<typeof User>

/** The OAuth2 token answer. */
export const Token = v.pipe(v.object({ access_token: v.string(), token_type: v.string() }), v.title('Token'))

/** An error body, documented in `responses`. */
export const Message = v.pipe(v.object({ detail: v.string() }), v.title('Message'))
