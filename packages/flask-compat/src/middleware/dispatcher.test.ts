import { describe, expect, it } from 'vitest'
import { DispatcherMiddleware } from './dispatcher.js'
import { environOf } from './environ.js'
import type { FetchHandler } from './types.js'

const named =
  (name: string): FetchHandler =>
  async (request) =>
    Response.json({
      app: name,
      path: new URL(request.url).pathname,
      script_root: environOf(request).script_root ?? '',
    })

const dispatcher = new DispatcherMiddleware(named('default'), {
  '/api': named('api'),
  '/api/v2': named('v2'),
  '/static files': { fetch: named('static') },
})

async function route(path: string) {
  return (await (await dispatcher(new Request(`http://localhost${path}`))).json()) as Record<string, string>
}

describe('DispatcherMiddleware', () => {
  // werkzeug tests/middleware/test_dispatcher.py::test_dispatcher
  it.each([
    ['/', { app: 'default', path: '/', script_root: '' }],
    ['/other/x', { app: 'default', path: '/other/x', script_root: '' }],
    ['/api', { app: 'api', path: '/', script_root: '/api' }],
    ['/api/users/1', { app: 'api', path: '/users/1', script_root: '/api' }],
    ['/api/v2/users', { app: 'v2', path: '/users', script_root: '/api/v2' }],
    ['/api/v2', { app: 'v2', path: '/', script_root: '/api/v2' }],
    ['/apix', { app: 'default', path: '/apix', script_root: '' }],
    ['/static%20files/a.css', { app: 'static', path: '/a.css', script_root: '/static files' }],
  ])('routes %s by the longest mounted prefix', async (path, expected) => {
    expect(await route(path)).toEqual(expected)
  })

  it('keeps the query string, body and a script_root set further out', async () => {
    const outer = new DispatcherMiddleware(named('root'), {
      '/app': new DispatcherMiddleware(async (request) =>
        Response.json({
          q: new URL(request.url).search,
          body: await request.text(),
          root: environOf(request).script_root,
        }),
      ),
    })
    const res = await outer(new Request('http://localhost/app/x?q=1', { method: 'POST', body: 'hi' }))
    expect(await res.json()).toEqual({ q: '?q=1', body: 'hi', root: '/app' })
  })
})
