export { APIKeyCookie, APIKeyHeader, type APIKeyOptions, APIKeyQuery } from './api-key.js'
export { authorizationSchemeParam as get_authorization_scheme_param, type Credential } from './base.js'
export {
  type HTTPAuthorizationCredentials,
  HTTPBase,
  HTTPBasic,
  type HTTPBasicCredentials,
  HTTPBearer,
  HTTPDigest,
  type HTTPSecurityOptions,
} from './http.js'
export {
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  type OAuth2Options,
  OAuth2PasswordBearer,
  OpenIdConnect,
} from './oauth2.js'
export {
  type OAuth2PasswordRequest,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
} from './password-form.js'
