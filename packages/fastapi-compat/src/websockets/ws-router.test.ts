import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { APIRouter, Depends, dependency, FastAPI, Header, Query, TestClient } from '../index.js'
import { WebSocketDisconnect } from './index.js'
import { status } from './status.js'
import type { WebSocket } from './websocket.js'

// Behaviours of upstream tests/test_ws_router.py and tests/test_ws_dependencies.py.

const hello = (text: string) => async (websocket: WebSocket) => {
  await websocket.accept()
  await websocket.send_text(text)
  await websocket.close()
}

function makeRouterApp(app = new FastAPI()) {
  const router = new APIRouter()
  const prefix_router = new APIRouter()
  const native_prefix_route = new APIRouter({ prefix: '/native' })
  router.websocket_route('/router', hello('Hello, router!'))
  prefix_router.websocket_route('/', hello('Hello, router with prefix!'))
  router.websocket('/router2', hello('Hello, router!'))
  router.websocket(
    '/router/{pathparam:path}',
    { params: { pathparam: v.string(), queryparam: v.string() } },
    async (websocket, { pathparam, queryparam }) => {
      await websocket.accept()
      await websocket.send_text(pathparam)
      await websocket.send_text(queryparam)
      await websocket.close()
    },
  )
  router.websocket(
    '/router-ws-depends/',
    { params: { data: Depends(ws_dependency) } },
    async (websocket, { data }) => {
      await websocket.accept()
      await websocket.send_text(data)
      await websocket.close()
    },
  )
  native_prefix_route.websocket('/', hello('Hello, router with native prefix!'))
  router.websocket('/depends-err/', { params: { data: Depends(ws_dependency_err) } }, () => {})
  router.websocket('/depends-validate/', { params: { data: Depends(ws_dependency_validate) } }, () => {})
  router.websocket('/custom_error/', () => {
    throw new CustomError()
  })
  app.websocket_route('/', hello('Hello, world!'))
  app.include_router(router)
  app.include_router(prefix_router, { prefix: '/prefix' })
  app.include_router(native_prefix_route)
  return app
}

async function ws_dependency() {
  return 'Socket Dependency'
}
async function ws_dependency_err(): Promise<never> {
  throw new Error('NotImplementedError')
}
const ws_dependency_validate = dependency({ x_missing: Header(v.string()) }, () => undefined)
class CustomError extends Error {}

const disconnectOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the connection to be refused')
    },
    (error: unknown) => {
      if (!(error instanceof WebSocketDisconnect)) throw error
      return error
    },
  )

describe('WebSocket routes on the app and on routers (test_ws_router)', () => {
  const client = new TestClient(makeRouterApp())

  it.each([
    ['/', 'Hello, world!'],
    ['/router', 'Hello, router!'],
    ['/prefix/', 'Hello, router with prefix!'],
    ['/native/', 'Hello, router with native prefix!'],
    ['/router2', 'Hello, router!'],
    ['/router-ws-depends/', 'Socket Dependency'],
  ])('%s sends its greeting', async (path, greeting) => {
    const websocket = await client.websocket_connect(path)
    expect(await websocket.receive_text()).toBe(greeting)
    await websocket.close()
  })

  it('a dependency override applies to WebSocket routes', async () => {
    const app = makeRouterApp()
    app.dependency_overrides.set(ws_dependency, () => 'Override')
    const websocket = await new TestClient(app).websocket_connect('/router-ws-depends/')
    expect(await websocket.receive_text()).toBe('Override')
    await websocket.close()
  })

  it('passes path and query parameters to the endpoint', async () => {
    const websocket = await client.websocket_connect('/router/path/to/file?queryparam=a_query_param')
    expect(await websocket.receive_text()).toBe('path/to/file')
    expect(await websocket.receive_text()).toBe('a_query_param')
    await websocket.close()
  })

  it('a path no route serves closes with 1000', async () => {
    const error = await disconnectOf(client.websocket_connect('/no-router/'))
    expect(error.code).toBe(status.WS_1000_NORMAL_CLOSURE)
  })

  it('a validation error in a dependency closes with 1008, the errors as the reason', async () => {
    const error = await disconnectOf(client.websocket_connect('/depends-validate/'))
    expect(error.code).toBe(status.WS_1008_POLICY_VIOLATION)
    expect(JSON.parse(error.reason)).toEqual([
      { type: 'missing', loc: ['header', 'x-missing'], msg: 'Field required', input: null },
    ])
  })

  it('an exception handler receives the WebSocket and closes it with its own code', async () => {
    const app = makeRouterApp()
    app.exception_handler(CustomError, async (websocket: WebSocket) => {
      await websocket.close({ code: 1002, reason: 'foo' })
    })
    const error = await disconnectOf(new TestClient(app).websocket_connect('/custom_error/'))
    expect(error.code).toBe(1002)
    expect(error.reason).toContain('foo')
  })

  it('an error in a dependency before accept reaches the test, as upstream re-raises it', async () => {
    await expect(client.websocket_connect('/depends-err/')).rejects.toThrow('NotImplementedError')
  })

  it('WebSocket routes are not in the OpenAPI document', () => {
    const app = makeRouterApp()
    app.get('/items', () => [])
    expect(Object.keys((app.openapi() as { paths: object }).paths)).toEqual(['/items'])
  })
})

describe('dependencies of WebSocket routes (test_ws_dependencies)', () => {
  const dependency_list = dependency({ deps: Query(v.optional(v.string())) }, ({ deps }) =>
    deps ? [deps] : ([] as string[]),
  )
  const create_dependency = (name: string) =>
    Depends(
      dependency({ deps: Depends(dependency_list) }, ({ deps }) => {
        deps.push(name)
      }),
    )
  const endpoint = async (websocket: WebSocket, { deps }: { deps: string[] }) => {
    await websocket.accept()
    await websocket.send_text(JSON.stringify(deps))
    await websocket.close()
  }
  const params = { deps: Depends(dependency_list) }
  const router = new APIRouter({ dependencies: [create_dependency('router')] })
  const prefix_router = new APIRouter({ dependencies: [create_dependency('prefix_router')] })
  const app = new FastAPI({ dependencies: [create_dependency('app')] })
  app.websocket('/', { params, dependencies: [create_dependency('index')] }, endpoint)
  router.websocket('/router', { params, dependencies: [create_dependency('routerindex')] }, endpoint)
  prefix_router.websocket('/', { params, dependencies: [create_dependency('routerprefixindex')] }, endpoint)
  app.include_router(router, { dependencies: [create_dependency('router2')] })
  app.include_router(prefix_router, {
    prefix: '/prefix',
    dependencies: [create_dependency('prefix_router2')],
  })
  const client = new TestClient(app)

  it.each([
    ['/', ['app', 'index']],
    ['/router', ['app', 'router2', 'router', 'routerindex']],
    ['/prefix/', ['app', 'prefix_router2', 'prefix_router', 'routerprefixindex']],
  ])('%s solves app, include, router and route dependencies in that order', async (path, expected) => {
    const websocket = await client.websocket_connect(path)
    expect(JSON.parse(await websocket.receive_text())).toEqual(expected)
    await websocket.close()
  })
})
