import { describe, expect, it, vi } from 'vitest'
import {
  FastAPI,
  HTTPException,
  JSONResponse,
  PlainTextResponse,
  StarletteHTTPException,
  TestClient,
} from './index.js'

describe('exception_handler', () => {
  it('a handler keyed by status renders that status, including the 404 of an unknown path', async () => {
    const app = new FastAPI()
    app.exception_handler(
      404,
      (req) => new JSONResponse({ missing: new URL(req.url).pathname }, { status_code: 404 }),
    )
    app.get('/items/{id}', () => {
      throw new HTTPException(404, 'Item not found')
    })
    const client = new TestClient(app)
    expect((await client.get('/nowhere')).json()).toEqual({ missing: '/nowhere' })
    expect((await client.get('/items/1')).json()).toEqual({ missing: '/items/1' })
  })

  it('an unexpected error is a plain-text 500, reported; a 500 (or Error) handler replaces it', async () => {
    const app = new FastAPI()
    app.get('/', () => {
      throw new TypeError('oops')
    })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await new TestClient(app).get('/')
    expect([res.status_code, res.text]).toEqual([500, 'Internal Server Error'])
    expect(res.text).not.toContain('oops')
    app.exception_handler(
      500,
      (_req, exc: Error) => new PlainTextResponse(`handled ${exc.message}`, { status_code: 500 }),
    )
    expect((await new TestClient(app).get('/')).text).toBe('handled oops')
    spy.mockRestore()
  })

  it("FastAPI's HTTPException handler also renders Starlette's (core) HTTPException", async () => {
    const app = new FastAPI()
    app.exception_handler(
      HTTPException,
      (_req, exc: HTTPException) => new PlainTextResponse(`E${exc.status}`, { status_code: exc.status }),
    )
    app.get('/', () => {
      throw new StarletteHTTPException(409, 'conflict')
    })
    const res = await new TestClient(app).get('/')
    expect([res.status_code, res.text]).toEqual([409, 'E409'])
  })

  it('an HTTPException with 204 or 304 has no body', async () => {
    const app = new FastAPI()
    app.get('/', () => {
      throw new HTTPException(304)
    })
    const res = await new TestClient(app).get('/')
    expect([res.status_code, res.text]).toEqual([304, ''])
  })

  it('an error thrown by an http middleware goes through the handlers too', async () => {
    class Teapot extends Error {}
    const app = new FastAPI()
    app.get('/', () => 'ok')
    app.exception_handler(Teapot, () => new PlainTextResponse('teapot', { status_code: 418 }))
    app.middleware('http', async () => {
      throw new Teapot()
    })
    const res = await new TestClient(app).get('/')
    expect([res.status_code, res.text]).toEqual([418, 'teapot'])
  })
})
