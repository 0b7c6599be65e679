import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Depends, dependency, FastAPI, Query, TestClient } from '../index.js'

// Ported from fastapi/fastapi docs_src/background_tasks/* and
// tests/test_tutorial/test_background_tasks/test_tutorial00{1,2}.py (a log array stands in for log.txt).

describe('background_tasks tutorial001 (test_tutorial001.py)', () => {
  it('test: the task runs after the response with its arguments', async () => {
    const log: string[] = []
    const write_notification = (email: string, message = '') => {
      log.push(`notification for ${email}: ${message}`)
    }
    const app = new FastAPI()
    app.post(
      '/send-notification/{email}',
      { params: { email: v.string() } },
      async function send_notification({ email }, { background_tasks }) {
        background_tasks.add_task(write_notification, email, 'some notification')
        expect(log).toEqual([])
        return { message: 'Notification sent in the background' }
      },
    )
    const res = await new TestClient(app).post('/send-notification/foo@example.com')
    expect([res.status_code, res.json()]).toEqual([200, { message: 'Notification sent in the background' }])
    expect(log.join('')).toContain('notification for foo@example.com: some notification')
  })
})

describe('background_tasks tutorial002: tasks added by a dependency (test_tutorial002.py)', () => {
  const log: string[] = []
  const write_log = (message: string) => void log.push(message)
  const get_query = dependency({ q: Query(v.nullish(v.string(), null)) }, ({ q }, { background_tasks }) => {
    if (q) background_tasks.add_task(write_log, `found query: ${q}\n`)
    return q
  })
  const app = new FastAPI()
  app.post(
    '/send-notification/{email}',
    { params: { email: v.string(), q: Depends(get_query) } },
    async function send_notification({ email }, { background_tasks }) {
      background_tasks.add_task(write_log, `message to ${email}\n`)
      return { message: 'Message sent' }
    },
  )

  it("test: the dependency's task and the handler's task run in order, after the response", async () => {
    const res = await new TestClient(app).post('/send-notification/foo@example.com?q=some-query')
    expect([res.status_code, res.json()]).toEqual([200, { message: 'Message sent' }])
    expect(log.join('')).toContain('found query: some-query\nmessage to foo@example.com')
  })

  it('a failing task does not change the response already sent and stops the later tasks', async () => {
    const ran: string[] = []
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    const failing = new FastAPI()
    failing.post('/', (_v, { background_tasks }) => {
      background_tasks.add_task(() => {
        throw new Error('task failed')
      })
      background_tasks.add_task(() => void ran.push('second'))
      return 'ok'
    })
    const res = await new TestClient(failing).post('/')
    console.error = original
    expect([res.status_code, res.json()]).toEqual([200, 'ok'])
    expect(ran).toEqual([])
    expect(JSON.stringify(errors.flat().map(String))).toContain('task failed')
  })

  it('test_openapi_schema: the dependency query is documented with the path parameter', () => {
    const doc = app.openapi() as Record<string, any>
    const params = doc.paths['/send-notification/{email}'].post.parameters
    expect(
      params.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
    ).toEqual([
      ['email', 'path', true],
      ['q', 'query', false],
    ])
  })
})

describe('background tasks on the runtime', () => {
  it("are handed to the runtime's waitUntil so a worker keeps running them", async () => {
    const app = new FastAPI()
    let done = false
    app.get('/', (_v, { background_tasks }) => {
      background_tasks.add_task(async () => {
        await new Promise((r) => setTimeout(r, 5))
        done = true
      })
      return 'ok'
    })
    const waits: Promise<unknown>[] = []
    const ctx = {
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
      passThroughOnException() {},
      props: {},
    }
    const res = await app.fetch(new Request('http://x/'), {}, ctx)
    await res.text()
    expect(waits).toHaveLength(1)
    expect(done).toBe(false)
    await Promise.all(waits)
    expect(done).toBe(true)
  })
})
