import { describe, expect, it } from 'vitest'
import { Flask } from './app/flask.js'
import { request } from './ctx.js'
import { event_stream } from './sse.js'

describe('event_stream (Server-Sent Events)', () => {
  it('sends events in the text/event-stream format, the generator reading the request', async () => {
    const app = new Flask('t')
    app.get('/events', () =>
      event_stream(
        (async function* () {
          yield { event: 'hello', id: 1, data: { who: request.args.get('who') } }
          await new Promise((r) => setTimeout(r, 1))
          yield `still ${request.args.get('who')}`
          yield { comment: 'done', retry: 500 }
        })(),
        { keepAliveMs: 0 },
      ),
    )
    const res = await app.test_client().get('/events?who=ada')
    expect(res.status_code).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.text).toBe(
      'event: hello\nid: 1\ndata: {"who":"ada"}\n\n' + 'data: still ada\n\n' + ': done\nretry: 500\n\n',
    )
  })

  it('stops the generator (its finally runs) when the client stops reading', async () => {
    const app = new Flask('t')
    let cleaned = false
    app.get('/forever', () =>
      event_stream(
        (function* () {
          try {
            for (let i = 0; ; i++) yield String(i)
          } finally {
            cleaned = true
          }
        })(),
        { keepAliveMs: 0 },
      ),
    )
    const res = await app.fetch(new Request('http://localhost/forever'))
    const reader = res.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toBe('data: 0\n\n')
    await reader.cancel()
    await new Promise((r) => setTimeout(r, 5))
    expect(cleaned).toBe(true)
  })
})
