import * as core from '@bustapi/core'
import { App, type Context, type FileSource, getContext, HTTPException, serveStatic } from '@bustapi/core'
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { secureHeaders } from 'hono/secure-headers'
import { addRealtimeRoutes } from './apps-realtime.js'

/** Core's body readers, looked up by name so the suite runs before and after they land. */
interface BodyApi {
  readJson(c: Context, options?: { requireContentType?: boolean }): Promise<unknown>
}
const bodyApi = core as unknown as Partial<BodyApi>

/** Why body cases cannot run yet, or undefined once core exports its body readers. */
export const bodyUnavailable: string | undefined =
  typeof bodyApi.readJson === 'function' ? undefined : "core's body module (readJson) is not exported yet"

export const SIGNING_SECRET = 'conformance-secret'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Where a runtime finds the static fixture, and with what. */
export interface ConformanceAppOptions {
  /** The fixture folder as the runtime's file source names it; default the folder beside this file. */
  staticRoot?: string
  /** A file source for a target whose env carries none (in process). */
  fileSource?: FileSource
}

/** tests/conformance/fixtures/static, found from this file when it runs unbundled. */
function defaultStaticRoot(): string {
  const dir = (import.meta as { dirname?: string }).dirname
  return dir === undefined ? 'tests/conformance/fixtures/static' : `${dir}/fixtures/static`
}

/**
 * The core application every conformance case talks to. All its state is observable over HTTP, so
 * the same cases work when the app runs in another process or runtime.
 *
 * @example
 * const res = await createConformanceApp().request('/users/7')
 */
export function createConformanceApp(options: ConformanceAppOptions = {}): App {
  const app = new App({ context: true, reportError: () => {} })
  const traces = new Map<string, string[]>()
  const startupOrder: string[] = []

  app.onStartup(() => void startupOrder.push('root:onStartup'))
  app.lifespan(async function* () {
    startupOrder.push('root:lifespan')
    yield
  })
  app.get('/lifecycle/startup', (c) => c.json(startupOrder))

  // Routing
  app.get('/users/:id', (c) => c.json({ id: c.req.param('id') }))
  app.get('/users/:id/posts/:postId', (c) => c.json(c.req.param()))
  app.post('/users', (c) => c.json({ created: true }, 201))
  app.put('/users/:id', (c) => c.json({ updated: c.req.param('id') }))
  app.get('/files/*', (c) => c.text(c.req.path))
  app.get('/typed/:n{[0-9]+}', (c) => c.json({ n: Number(c.req.param('n')) }))
  app.get('/head', (c) => {
    c.header('x-custom', 'present')
    return c.text('a body HEAD must not send')
  })

  // Errors
  app.get('/errors/http', () => {
    throw new HTTPException(418, 'I am a teapot', { 'x-teapot': 'short-and-stout' })
  })
  app.get('/errors/json', () => {
    throw new HTTPException(422, { field: 'name', problem: 'missing' })
  })
  app.get('/errors/crash', () => {
    throw new Error('secret-internal-detail at /srv/app.ts:42')
  })

  // Nested mounts, each level with its own middleware; the API level has its own 404.
  const api = new App()
  api.use(async (c, next) => {
    await next()
    c.res.headers.append('x-layer', 'api')
  })
  api.notFound((c) => c.json({ error: 'no such API endpoint', path: c.req.path }, 404))
  api.get('/ping', (c) => c.json({ pong: true }))
  const v1 = new App()
  v1.use(async (c, next) => {
    await next()
    c.res.headers.append('x-layer', 'v1')
  })
  v1.get('/things/:id', (c) => c.json({ thing: c.req.param('id') }))
  api.mount('/v1', v1)
  app.mount('/api', api)

  // Hono middleware
  app.use(
    '/cors/*',
    cors({
      origin: 'https://app.example',
      allowMethods: ['GET', 'PUT'],
      allowHeaders: ['x-token'],
      maxAge: 600,
    }),
  )
  app.get('/cors/data', (c) => c.json({ data: 1 }))
  app.put('/cors/data', (c) => c.json({ data: 2 }))
  app.use('/etag/*', etag())
  app.get('/etag/doc', (c) => c.text('stable content'))
  app.use('/secure/*', secureHeaders())
  app.get('/secure/page', (c) => c.text('secure'))

  // Lifecycle hooks on a mounted app; traces are read back through the root app.
  const hooked = new App()
  const trace = (c: Context, step: string) => {
    const id = c.req.query('id') ?? 'none'
    const list = traces.get(id) ?? []
    list.push(step)
    traces.set(id, list)
  }
  hooked.beforeRequest((c) => {
    trace(c, 'before')
    if (c.req.query('short') !== undefined) return c.text('short-circuited', 403)
  })
  hooked.afterRequest((c, res) => {
    trace(c, `after:${res.status}`)
    const replaced = new Response(res.body, res)
    replaced.headers.set('x-after', 'ran')
    return replaced
  })
  hooked.teardownRequest((c, error) =>
    trace(c, `teardown:${error instanceof Error ? error.message : 'none'}`),
  )
  hooked.get('/ok', (c) => {
    trace(c, 'handler')
    return c.text('ok')
  })
  hooked.get('/boom', (c) => {
    trace(c, 'handler')
    throw new Error('boom')
  })
  hooked.onStartup(() => void startupOrder.push('hooks:onStartup'))
  app.mount('/hooks', hooked)
  app.get('/trace/:id', (c) => c.json(traces.get(c.req.param('id')) ?? []))

  // Request-context isolation: state written before random awaits is read back after them.
  app.use('/context/*', async (_c, next) => {
    getContext().state.seenByMiddleware = getContext().c.req.query('id')
    await next()
  })
  app.get('/context/echo', async (c) => {
    const store = getContext()
    store.state.id = c.req.query('id')
    for (let i = 0; i < 3; i++) {
      if (Math.random() < 0.5) await sleep(Math.random() * 5)
      else await Promise.resolve()
    }
    const after = getContext()
    return c.json({
      id: after.state.id,
      middleware: after.state.seenByMiddleware,
      query: after.c.req.query('id'),
      same: after.c === c,
    })
  })

  // Cookies
  app.get('/cookies/set', async (c) => {
    setCookie(c, 'session', 'abc123', { path: '/', httpOnly: true, sameSite: 'Lax' })
    setCookie(c, 'theme', 'dark', { maxAge: 3600 })
    await setSignedCookie(c, 'signed', 'user-7', SIGNING_SECRET, { path: '/' })
    return c.text('set')
  })
  app.get('/cookies/read', async (c) =>
    c.json({ all: getCookie(c), signed: await getSignedCookie(c, SIGNING_SECRET, 'signed') }),
  )
  app.get('/cookies/delete', (c) => {
    deleteCookie(c, 'session', { path: '/' })
    return c.text('deleted')
  })

  // Body (core's body module)
  app.post('/body/json', async (c) => {
    if (bodyApi.readJson === undefined) throw new HTTPException(501, bodyUnavailable)
    return c.json({ received: await bodyApi.readJson(c) })
  })
  // Static files, through the runtime's file source (or the one given).
  app.use(
    '/static/*',
    serveStatic({
      root: options.staticRoot ?? defaultStaticRoot(),
      prefix: '/static',
      maxAge: 60,
      ...(options.fileSource === undefined ? {} : { source: options.fileSource }),
    }),
  )
  app.get('/alive', (c) => c.text('alive'))
  addRealtimeRoutes(app)
  return app
}
