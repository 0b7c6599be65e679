import { Blueprint, type BlueprintSetupState } from '../app/blueprint.js'
import type { Flask } from '../app/flask.js'
import type { RouteOptions } from '../app/types.js'
import type { RuleParams } from '../routing/types.js'
import { registerSockRule, type SockView } from './register.js'

/** `sock.route` options: Flask's route options, and the blueprint to put the route on. */
export interface SockRouteOptions extends Omit<RouteOptions, 'methods'> {
  /** Registers the route on this blueprint (which the app registers itself, with its prefix). */
  bp?: Blueprint
}

type Register<R extends string> = <V extends SockView<RuleParams<R>>>(view: V) => V

/**
 * flask-sock's `Sock` extension: WebSocket routes on a Flask app or blueprint, written as Flask
 * views that receive the connection first. The view runs inside Flask's request context
 * (`request`, `session`, `g`, `current_app`), after the `before_request` hooks; `after_request`
 * and `teardown_request` run once the socket has closed.
 *
 * @example
 * const sock = new Sock(app)
 * sock.route('/echo', async (ws) => {
 *   while (true) ws.send(await ws.receive())
 * })
 * sock.route('/rooms/<int:room>', async (ws, { room }) => ws.send(`room ${room + 1}`))
 */
export class Sock {
  app: Flask | null = null
  /** The blueprint routes are kept on until `init_app` (when made without an app). */
  bp: Blueprint | null = null

  constructor(app?: Flask | null) {
    if (app != null) this.init_app(app)
  }

  /** Attaches the extension to an app (routes declared before it are registered now). */
  init_app(app: Flask): void {
    if (this.bp !== null) app.register_blueprint(this.bp)
    this.app = app
    app.extensions.sock = this
  }

  /**
   * Registers a WebSocket view for a Flask rule (converters included), on the app, on `options.bp`,
   * or (before `init_app`) on the extension's own blueprint. Without a view, returns a decorator.
   *
   * @example
   * sock.route('/ws', (ws) => ws.send('hello'))
   * sock.route('/ws', { bp: api }, (ws) => ws.send('hello from the blueprint'))
   */
  route<R extends string>(path: R, view: SockView<RuleParams<R>>): SockView<RuleParams<R>>
  route<R extends string>(
    path: R,
    options: SockRouteOptions,
    view: SockView<RuleParams<R>>,
  ): SockView<RuleParams<R>>
  route<R extends string>(path: R, options?: SockRouteOptions): Register<R>
  route(path: string, a?: SockRouteOptions | SockView<never>, b?: SockView<never>): unknown {
    const options = typeof a === 'function' ? {} : (a ?? {})
    const view = typeof a === 'function' ? a : b
    const register = (fn: SockView<never>) => {
      const { bp, endpoint, ...rest } = options
      if (bp !== undefined) onBlueprint(bp, path, endpoint ?? null, fn, rest)
      else if (this.app !== null) registerSockRule(this.app, path, endpoint ?? null, fn, rest)
      else onBlueprint((this.bp ??= new Blueprint('__flask_sock')), path, endpoint ?? null, fn, rest)
      return fn
    }
    return view === undefined ? register : register(view)
  }
}

/** Defers a sock route to a blueprint's registration, with its prefix and endpoint naming. */
function onBlueprint(
  bp: Blueprint,
  rule: string,
  endpoint: string | null,
  view: SockView<never>,
  options: RouteOptions,
): void {
  if (endpoint?.includes('.')) throw new Error("'endpoint' may not contain a dot '.' character.")
  bp.record((state: BlueprintSetupState) => {
    let full = rule
    if (state.url_prefix !== null)
      full = rule ? `${state.url_prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}` : state.url_prefix
    const name = endpoint ?? (view.name || rule.replace(/\./g, '_'))
    const qualified = `${state.name_prefix}.${state.name}.${name}`.replace(/^\.+/, '')
    registerSockRule(state.app, full, qualified, view, {
      ...options,
      defaults: { ...state.url_defaults, ...options.defaults },
    })
  })
}
