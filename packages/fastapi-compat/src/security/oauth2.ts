import type { SecurityDependency } from '../params/types.js'
import { authorizationSchemeParam, type Credential, compact, notAuthenticated } from './base.js'

/** Options shared by the OAuth2 security utilities. */
export interface OAuth2Options<AutoError extends boolean = true> {
  scheme_name?: string
  /** The scopes the flow offers, name → description. */
  scopes?: Record<string, string>
  description?: string
  /** `false`: a missing token resolves to `undefined` instead of answering 401. */
  auto_error?: AutoError
}

/**
 * Any OAuth2 flow: resolves to the whole `Authorization` header. Subclass it (or use
 * `OAuth2PasswordBearer`) to read the token.
 *
 * @example
 * const oauth2 = new OAuth2({ flows: { clientCredentials: { tokenUrl: 'token', scopes: {} } } })
 */
export class OAuth2<AutoError extends boolean = true>
  implements SecurityDependency<Credential<string, AutoError>>
{
  readonly scheme_name: string
  readonly model: Record<string, unknown>
  readonly auto_error: boolean

  constructor(
    options: Omit<OAuth2Options<AutoError>, 'scopes'> & {
      flows?: Record<string, Record<string, unknown>>
    } = {},
    defaultName = 'OAuth2',
  ) {
    this.scheme_name = options.scheme_name ?? defaultName
    this.auto_error = options.auto_error ?? true
    const flows: Record<string, unknown> = {}
    for (const [name, flow] of Object.entries(options.flows ?? {})) flows[name] = compact({ ...flow })
    this.model = compact({ type: 'oauth2', description: options.description, flows })
  }

  protected fail(): Credential<string, AutoError> {
    if (this.auto_error) throw notAuthenticated('Bearer')
    return undefined as Credential<string, AutoError>
  }

  async call(request: Request): Promise<Credential<string, AutoError>> {
    const header = request.headers.get('authorization')
    return header ? header : this.fail()
  }
}

/** Reads a Bearer token, the part shared by the password and authorization-code flows. */
abstract class OAuth2Bearer<AutoError extends boolean> extends OAuth2<AutoError> {
  override async call(request: Request): Promise<Credential<string, AutoError>> {
    const header = request.headers.get('authorization')
    const [scheme, token] = authorizationSchemeParam(header)
    if (!header || scheme.toLowerCase() !== 'bearer') return this.fail()
    return token
  }
}

/**
 * OAuth2 password flow: resolves to the Bearer token of the `Authorization` header; documents
 * `tokenUrl` so Swagger UI's Authorize button can log in.
 *
 * @example
 * const oauth2_scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
 * app.get('/items/', { params: { token: Depends(oauth2_scheme) } }, ({ token }) => ({ token }))
 */
export class OAuth2PasswordBearer<AutoError extends boolean = true> extends OAuth2Bearer<AutoError> {
  constructor(options: OAuth2Options<AutoError> & { tokenUrl: string; refreshUrl?: string }) {
    super(
      {
        ...options,
        flows: {
          password: {
            refreshUrl: options.refreshUrl,
            scopes: options.scopes ?? {},
            tokenUrl: options.tokenUrl,
          },
        },
      },
      'OAuth2PasswordBearer',
    )
  }
}

/**
 * OAuth2 authorization-code flow: resolves to the Bearer token of the `Authorization` header.
 *
 * @example
 * const oauth2 = new OAuth2AuthorizationCodeBearer({ authorizationUrl: 'authorize', tokenUrl: 'token' })
 */
export class OAuth2AuthorizationCodeBearer<AutoError extends boolean = true> extends OAuth2Bearer<AutoError> {
  constructor(
    options: OAuth2Options<AutoError> & { authorizationUrl: string; tokenUrl: string; refreshUrl?: string },
  ) {
    super(
      {
        ...options,
        flows: {
          authorizationCode: {
            refreshUrl: options.refreshUrl,
            scopes: options.scopes ?? {},
            authorizationUrl: options.authorizationUrl,
            tokenUrl: options.tokenUrl,
          },
        },
      },
      'OAuth2AuthorizationCodeBearer',
    )
  }
}

/**
 * OpenID Connect discovery: resolves to the whole `Authorization` header.
 *
 * @example
 * const oidc = new OpenIdConnect({ openIdConnectUrl: '/.well-known/openid-configuration' })
 */
export class OpenIdConnect<AutoError extends boolean = true>
  implements SecurityDependency<Credential<string, AutoError>>
{
  readonly scheme_name: string
  readonly model: Record<string, unknown>
  readonly auto_error: boolean

  constructor(options: Omit<OAuth2Options<AutoError>, 'scopes'> & { openIdConnectUrl: string }) {
    this.scheme_name = options.scheme_name ?? 'OpenIdConnect'
    this.auto_error = options.auto_error ?? true
    this.model = compact({
      type: 'openIdConnect',
      description: options.description,
      openIdConnectUrl: options.openIdConnectUrl,
    })
  }

  async call(request: Request): Promise<Credential<string, AutoError>> {
    const header = request.headers.get('authorization')
    if (header) return header
    if (this.auto_error) throw notAuthenticated('Bearer')
    return undefined as Credential<string, AutoError>
  }
}
