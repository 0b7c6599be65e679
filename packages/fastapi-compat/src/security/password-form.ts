import * as v from 'valibot'
import { dependency } from '../dependencies/depends.js'
import { Form } from '../params/types.js'

const password = v.pipe(v.string(), v.metadata({ format: 'password' }))

/** What `OAuth2PasswordRequestForm` resolves to (FastAPI's attributes, `scope` split into `scopes`). */
export interface OAuth2PasswordRequest {
  grant_type: string | null | undefined
  username: string
  password: string
  scopes: string[]
  client_id: string | null | undefined
  client_secret: string | null | undefined
}

const toRequest = (values: {
  grant_type?: string | null
  username: string
  password: string
  scope: string
  client_id?: string | null
  client_secret?: string | null
}): OAuth2PasswordRequest => ({
  grant_type: values.grant_type,
  username: values.username,
  password: values.password,
  scopes: values.scope.split(/\s+/).filter(Boolean),
  client_id: values.client_id,
  client_secret: values.client_secret,
})

/**
 * The OAuth2 password flow's login form (`username`, `password`, `scope`, `grant_type`,
 * `client_id`, `client_secret`) as a dependency: use it with `Depends`.
 *
 * @example
 * app.post('/token', { params: { form_data: Depends(OAuth2PasswordRequestForm) } }, ({ form_data }) =>
 *   ({ access_token: form_data.username, token_type: 'bearer' }))
 */
export const OAuth2PasswordRequestForm = dependency(
  {
    grant_type: Form(v.nullish(v.pipe(v.string(), v.regex(/^password$/)))),
    username: Form(v.string()),
    password: Form(password),
    scope: Form(v.optional(v.string(), '')),
    client_id: Form(v.nullish(v.string())),
    client_secret: Form(v.pipe(v.nullish(v.string()), v.metadata({ format: 'password' }))),
  },
  function OAuth2PasswordRequestForm(values) {
    return toRequest(values)
  },
)

/**
 * Like `OAuth2PasswordRequestForm`, but `grant_type=password` is required, as the OAuth2 spec says.
 *
 * @example
 * app.post('/token', { params: { form_data: Depends(OAuth2PasswordRequestFormStrict) } }, ({ form_data }) => form_data.username)
 */
export const OAuth2PasswordRequestFormStrict = dependency(
  {
    grant_type: Form(v.pipe(v.string(), v.regex(/^password$/))),
    username: Form(v.string()),
    password: Form(v.string()),
    scope: Form(v.optional(v.string(), '')),
    client_id: Form(v.nullish(v.string())),
    client_secret: Form(v.nullish(v.string())),
  },
  function OAuth2PasswordRequestFormStrict(values) {
    return toRequest(values)
  },
)
