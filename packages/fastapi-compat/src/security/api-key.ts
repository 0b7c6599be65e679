import type { SecurityDependency } from '../params/types.js'
import { type Credential, compact, notAuthenticated, readCookie } from './base.js'

/** Options of `APIKeyHeader`, `APIKeyQuery` and `APIKeyCookie`. */
export interface APIKeyOptions<AutoError extends boolean = true> {
  /** The header, query parameter or cookie name. */
  name: string
  scheme_name?: string
  description?: string
  /** `false`: a missing key resolves to `undefined` instead of answering 401. */
  auto_error?: AutoError
}

type Location = 'header' | 'query' | 'cookie'

abstract class APIKeyBase<AutoError extends boolean>
  implements SecurityDependency<Credential<string, AutoError>>
{
  readonly scheme_name: string
  readonly model: Record<string, unknown>
  readonly auto_error: boolean
  protected readonly name: string

  constructor(location: Location, defaultName: string, options: APIKeyOptions<AutoError>) {
    this.name = options.name
    this.auto_error = options.auto_error ?? true
    this.scheme_name = options.scheme_name ?? defaultName
    this.model = compact({
      type: 'apiKey',
      description: options.description,
      in: location,
      name: options.name,
    })
  }

  protected abstract read(request: Request): string | null | undefined

  async call(request: Request): Promise<Credential<string, AutoError>> {
    const key = this.read(request)
    if (key) return key
    // Current FastAPI answers 401 with a challenge; releases before 0.118 answered 403 without one.
    if (this.auto_error) throw notAuthenticated('APIKey')
    return undefined as Credential<string, AutoError>
  }
}

/**
 * An API key in a request header.
 *
 * @example
 * const header_scheme = new APIKeyHeader({ name: 'x-key' })
 * app.get('/items/', { params: { key: Depends(header_scheme) } }, ({ key }) => ({ key }))
 */
export class APIKeyHeader<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: APIKeyOptions<AutoError>) {
    super('header', 'APIKeyHeader', options)
  }
  protected read(request: Request): string | null {
    return request.headers.get(this.name)
  }
}

/**
 * An API key in a query parameter.
 *
 * @example
 * const query_scheme = new APIKeyQuery({ name: 'api_key' })
 */
export class APIKeyQuery<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: APIKeyOptions<AutoError>) {
    super('query', 'APIKeyQuery', options)
  }
  protected read(request: Request): string | null {
    // Starlette's query_params.get gives the last of repeated values.
    return new URL(request.url).searchParams.getAll(this.name).at(-1) ?? null
  }
}

/**
 * An API key in a cookie.
 *
 * @example
 * const cookie_scheme = new APIKeyCookie({ name: 'session' })
 */
export class APIKeyCookie<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: APIKeyOptions<AutoError>) {
    super('cookie', 'APIKeyCookie', options)
  }
  protected read(request: Request): string | undefined {
    return readCookie(request, this.name)
  }
}
