import { titleCase } from '../openapi/title-case.js'
import type { SecurityDependency } from '../params/types.js'
import { authorizationSchemeParam, type Credential, compact, notAuthenticated } from './base.js'

/** The `Authorization` header split in two, as `HTTPBearer` and `HTTPDigest` give it. */
export interface HTTPAuthorizationCredentials {
  scheme: string
  credentials: string
}

/** The username and password of HTTP Basic authentication. */
export interface HTTPBasicCredentials {
  username: string
  password: string
}

/** Options shared by the HTTP security utilities. */
export interface HTTPSecurityOptions<AutoError extends boolean = true> {
  scheme_name?: string
  description?: string
  /** `false`: missing credentials resolve to `undefined` instead of answering 401. */
  auto_error?: AutoError
}

/**
 * Any HTTP authentication scheme: resolves to the `Authorization` header's scheme and credentials.
 *
 * @example
 * const custom = new HTTPBase({ scheme: 'token' })
 */
export class HTTPBase<AutoError extends boolean = true>
  implements SecurityDependency<Credential<HTTPAuthorizationCredentials, AutoError>>
{
  readonly scheme_name: string
  readonly model: Record<string, unknown>
  readonly auto_error: boolean
  /** The scheme this utility accepts (`undefined`: any). */
  protected readonly expected: string | undefined

  constructor(
    options: HTTPSecurityOptions<AutoError> & { scheme: string },
    defaultName = 'HTTPBase',
    expected?: string,
  ) {
    this.scheme_name = options.scheme_name ?? defaultName
    this.auto_error = options.auto_error ?? true
    this.model = compact({ type: 'http', description: options.description, scheme: options.scheme })
    this.expected = expected
  }

  /** The `WWW-Authenticate` challenge of a 401 answer. */
  protected challenge(): string {
    return titleCase(String(this.model.scheme))
  }

  protected fail(): undefined {
    if (this.auto_error) throw notAuthenticated(this.challenge())
    return undefined
  }

  async call(request: Request): Promise<Credential<HTTPAuthorizationCredentials, AutoError>> {
    const header = request.headers.get('authorization')
    const [scheme, credentials] = authorizationSchemeParam(header)
    if (!header || !scheme || !credentials)
      return this.fail() as Credential<HTTPAuthorizationCredentials, AutoError>
    if (this.expected && scheme.toLowerCase() !== this.expected)
      return this.fail() as Credential<HTTPAuthorizationCredentials, AutoError>
    return { scheme, credentials }
  }
}

/**
 * HTTP Bearer authentication: `Authorization: Bearer <token>`.
 *
 * @example
 * const security = new HTTPBearer()
 * app.get('/users/me', { params: { credentials: Depends(security) } }, ({ credentials }) => credentials)
 */
export class HTTPBearer<AutoError extends boolean = true> extends HTTPBase<AutoError> {
  constructor(options: HTTPSecurityOptions<AutoError> & { bearerFormat?: string } = {}) {
    super({ ...options, scheme: 'bearer' }, 'HTTPBearer', 'bearer')
    if (options.bearerFormat !== undefined) this.model.bearerFormat = options.bearerFormat
  }
}

/**
 * HTTP Digest authentication, as in FastAPI only a stub that hands over the header's parts.
 *
 * @example
 * const security = new HTTPDigest()
 */
export class HTTPDigest<AutoError extends boolean = true> extends HTTPBase<AutoError> {
  constructor(options: HTTPSecurityOptions<AutoError> = {}) {
    super({ ...options, scheme: 'digest' }, 'HTTPDigest', 'digest')
  }
}

/**
 * HTTP Basic authentication: resolves to `{ username, password }`; a missing, non-Basic or
 * undecodable header answers 401 with `WWW-Authenticate: Basic` (with the realm when given).
 *
 * @example
 * const security = new HTTPBasic({ realm: 'simple' })
 * app.get('/users/me', { params: { credentials: Depends(security) } }, ({ credentials }) => credentials.username)
 */
export class HTTPBasic<AutoError extends boolean = true>
  implements SecurityDependency<Credential<HTTPBasicCredentials, AutoError>>
{
  readonly scheme_name: string
  readonly model: Record<string, unknown>
  readonly auto_error: boolean
  readonly realm: string | undefined

  constructor(options: HTTPSecurityOptions<AutoError> & { realm?: string } = {}) {
    this.scheme_name = options.scheme_name ?? 'HTTPBasic'
    this.auto_error = options.auto_error ?? true
    this.realm = options.realm
    this.model = compact({ type: 'http', description: options.description, scheme: 'basic' })
  }

  #error(): Error {
    return notAuthenticated(this.realm ? `Basic realm="${this.realm}"` : 'Basic')
  }

  async call(request: Request): Promise<Credential<HTTPBasicCredentials, AutoError>> {
    const header = request.headers.get('authorization')
    const [scheme, param] = authorizationSchemeParam(header)
    if (!header || scheme.toLowerCase() !== 'basic') {
      if (this.auto_error) throw this.#error()
      return undefined as Credential<HTTPBasicCredentials, AutoError>
    }
    // Malformed credentials are an error even with auto_error off, as in FastAPI.
    const data = decodeBase64Ascii(param)
    if (data === undefined) throw this.#error()
    const colon = data.indexOf(':')
    if (colon < 0) throw this.#error()
    return { username: data.slice(0, colon), password: data.slice(colon + 1) }
  }
}

/**
 * Python's `b64decode(value).decode('ascii')`: characters outside the alphabet are skipped, the
 * rest must be padded to a multiple of four, and the bytes must be ASCII; `undefined` otherwise.
 *
 * @example
 * decodeBase64Ascii('am9objpzZWNyZXQ=') // 'john:secret'
 */
export function decodeBase64Ascii(value: string): string | undefined {
  const clean = value.replace(/[^A-Za-z0-9+/=]/g, '')
  if (clean.length % 4 !== 0) return undefined
  let data: string
  try {
    data = atob(clean)
  } catch {
    return undefined
  }
  return /[\u0080-\u00ff]/.test(data) ? undefined : data
}
