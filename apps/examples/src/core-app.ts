import { App, getSignedCookie, HTTPException, setSignedCookie } from '@bustapi/core'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'

/**
 * A small application on `@bustapi/core` alone: Hono middleware, params, signed cookies,
 * HTTP errors and lifecycle hooks.
 */
export function createCoreApp(options: { secrets?: string[] } = {}): App {
  const secrets = options.secrets ?? [process.env.COOKIE_SECRET ?? 'dev-only-secret-change-me']
  const app = new App()
  app.use(secureHeaders())
  app.use('/hello/*', cors())
  app.afterRequest((_c, res) => {
    res.headers.set('x-powered-by', 'bustapi')
  })
  app.get('/hello/:name', (c) => c.json({ greeting: `Hello, ${c.req.param('name')}!` }))
  app.post('/visits', async (c) => {
    const previous = Number((await getSignedCookie(c, 'visits', secrets)) || 0)
    await setSignedCookie(c, 'visits', String(previous + 1), secrets, { httpOnly: true, path: '/' })
    return c.json({ visits: previous + 1 })
  })
  app.get('/teapot', () => {
    throw new HTTPException(418, "I'm a teapot")
  })
  return app
}
