import { WsgiMiddleware } from './base.js'
import { environOf, rebuildRequest, setEnviron } from './environ.js'
import { type FetchHandler, type FetchTarget, toHandler } from './types.js'

/**
 * werkzeug's `DispatcherMiddleware`: send each request to the application mounted at the longest
 * matching path prefix, with the prefix moved from the path into `script_root`; others go to the
 * default application.
 *
 * @example
 * app.wsgi_app = new DispatcherMiddleware(app.wsgi_app, { '/api': api, '/admin': admin.fetch })
 */
export class DispatcherMiddleware extends WsgiMiddleware {
  readonly app: FetchHandler
  readonly mounts: ReadonlyMap<string, FetchHandler>

  constructor(app: FetchTarget, mounts: Record<string, FetchTarget> = {}) {
    super()
    this.app = toHandler(app)
    this.mounts = new Map(Object.entries(mounts).map(([prefix, target]) => [prefix, toHandler(target)]))
  }

  async __call__(request: Request, env?: unknown, ctx?: unknown): Promise<Response> {
    const url = new URL(request.url)
    // Walk the path back segment by segment until a mount matches (the longest prefix wins).
    let script = url.pathname
    let pathInfo = ''
    let app: FetchHandler | undefined
    while (script.includes('/')) {
      // mount prefixes are decoded, as WSGI's PATH_INFO is; the URL keeps its raw form
      app = this.mounts.get(safeDecode(script))
      if (app !== undefined) break
      const slash = script.lastIndexOf('/')
      pathInfo = `/${script.slice(slash + 1)}${pathInfo}`
      script = script.slice(0, slash)
    }
    app ??= this.mounts.get(script) ?? this.app
    if (script === '') return app(request, env, ctx)
    url.pathname = pathInfo || '/'
    const moved = rebuildRequest(request, url.href)
    const environ = environOf(request)
    // SCRIPT_NAME is decoded, as WSGI's PATH_INFO is
    setEnviron(moved, { ...environ, script_root: (environ.script_root ?? '') + safeDecode(script) })
    return app(moved, env, ctx)
  }
}

function safeDecode(path: string): string {
  if (!path.includes('%')) return path
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
