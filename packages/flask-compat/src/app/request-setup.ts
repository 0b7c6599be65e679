import { type Context, clientAddress, mediaTypeOf } from '@bustapi/core'
import { EMPTY_BODY, hasBody, limitsFromConfig, loadBody } from '../internal/body.js'
import type { FlaskState } from '../internal/state.js'
import { SecureCookieSession, SecureCookieSessionInterface } from '../sessions/index.js'
import { Request, type RequestEnviron } from '../wrappers/request.js'
import type { Flask } from './flask.js'

function decodePath(path: string): string {
  if (!path.includes('%')) return path
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** The client address: the test client's `remote_addr`, else the runtime's peer (core's `clientAddress`). */
function remoteAddr(c: Context): string | null {
  const given = (c.env as { remote_addr?: string } | undefined)?.remote_addr
  if (given !== undefined) return given
  return clientAddress(c)?.address ?? null
}

// What middleware (ProxyFix, DispatcherMiddleware) attach to the Request under a registered
// symbol: the WSGI environ facts a fetch Request cannot carry itself.
const ENVIRON = Symbol.for('bustapi.flask.environ')
interface ForwardedEnviron {
  remote_addr?: string
  script_root?: string
  scheme?: string
  host?: string
}

function applyForwarded(environ: RequestEnviron, forwarded: ForwardedEnviron): void {
  if (forwarded.remote_addr !== undefined) environ.remote_addr = forwarded.remote_addr
  if (forwarded.script_root !== undefined) environ.script_root = forwarded.script_root.replace(/\/+$/, '')
  if (forwarded.scheme !== undefined) environ.scheme = forwarded.scheme
  if (forwarded.host !== undefined) environ.host = forwarded.host
}

/**
 * The WSGI environ facts of one request. The client address is looked up on first use: on Node it
 * asks the socket (a call into the runtime) and most requests never read it.
 */
class Environ implements RequestEnviron {
  script_root = ''
  readonly path: string
  readonly match_path: string
  scheme?: string
  host?: string
  #remote: string | null | undefined
  constructor(readonly c: Context) {
    this.match_path = c.req.path
    this.path = decodePath(this.match_path)
  }
  get remote_addr(): string | null {
    if (this.#remote === undefined) this.#remote = remoteAddr(this.c)
    return this.#remote
  }
  set remote_addr(value: string | null) {
    this.#remote = value
  }
}

/**
 * Builds Flask's request for a core context (environ, then the body within limits) and hands it to
 * `use`: at once when there is no body, else in the one promise step that delivers the body.
 */
export function withRequest<R>(
  app: Flask,
  c: Context,
  use: (request: Request) => R | Promise<R>,
): R | Promise<R> {
  const raw = c.req.raw
  const environ = new Environ(c)
  const forwarded = (raw as globalThis.Request & { [ENVIRON]?: ForwardedEnviron })[ENVIRON]
  if (forwarded !== undefined) applyForwarded(environ, forwarded)
  if (raw.method === 'GET' || raw.method === 'HEAD' || !hasBody(raw))
    return use(new Request(raw, environ, EMPTY_BODY))
  const mimetype = mediaTypeOf(raw.headers.get('content-type'))
  return loadBody(c, mimetype, limitsFromConfig(app.config), (body) =>
    use(new Request(raw, environ, body, mimetype)),
  )
}

/** Flask's request for a core context, once its body is read. */
export function buildRequest(app: Flask, c: Context): Request | Promise<Request> {
  return withRequest(app, c, (request) => request)
}

const DEFAULT_OPEN = SecureCookieSessionInterface.prototype.open_session

/** Opens the session up front, or arranges to create it on first use when that needs no I/O. */
export function openSession(
  app: Flask,
  state: FlaskState,
  raw: globalThis.Request,
): Promise<void> | undefined {
  const iface = app.session_interface
  if (iface.open_session === DEFAULT_OPEN) {
    if (!app.secret_key) {
      state.lazySession = () => iface.make_null_session(app)
      return undefined
    }
    const cookie = raw.headers.get('cookie')
    if (cookie === null || !cookie.includes(iface.get_cookie_name(app))) {
      state.lazySession = () => new SecureCookieSession()
      return undefined
    }
  }
  return (async () => {
    state.session = (await iface.open_session(app, raw)) ?? iface.make_null_session(app)
  })()
}
