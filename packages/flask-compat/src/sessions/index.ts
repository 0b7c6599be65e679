export { addVary, type DumpCookieOptions, dumpCookie, httpDate, readCookie } from './cookie.js'
export {
  configValue,
  permanentSessionLifetime,
  type SaveResult,
  SESSION_CONFIG_DEFAULTS,
  SecureCookieSessionInterface,
  type SessionApp,
  SessionInterface,
  writableResponse,
} from './interface.js'
export {
  BadSignature,
  type SecretKey,
  type SerializerOptions,
  SignatureExpired,
  URLSafeTimedSerializer,
} from './serializer.js'
export {
  createSession,
  isNullSession,
  NullSession,
  SecureCookieSession,
  type Session,
  type SessionBehaviour,
  type SessionMixin,
  sessionData,
} from './session.js'
export { isTuple, Markup, type Tuple, taggedDumps, taggedLoads, tagValue, tuple } from './tagged-json.js'
