import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import defaultApp, { createApp } from './app.js'
import type { SQLite } from './sqlite.js'

const created: string[] = []
function fresh(config: Record<string, unknown> = {}) {
  const app = createApp({ TESTING: true, ...config })
  created.push(app.config.SQLITE_DATABASE as string)
  return app
}
afterEach(() => {
  for (const file of created.splice(0)) rmSync(dirname(file), { recursive: true, force: true })
})

async function login(client: ReturnType<ReturnType<typeof createApp>['test_client']>, user = 'ada') {
  return client.post('/auth/login', { data: { username: user, password: 'letmein' } })
}

describe('guestbook example (Flask style)', () => {
  it('renders the home page inside the layout with a log-in link', async () => {
    const rv = await fresh().test_client().get('/')
    expect(rv.status_code).toBe(200)
    expect(rv.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(rv.text).toContain('<title>Notes · Guestbook</title>')
    expect(rv.text).toContain('<a href="/auth/login">Log in</a>')
    expect(rv.text).toContain('No notes yet.')
    expect(rv.text).not.toContain('<form method="post" action="/notes/">')
  })

  it('logs in through the auth blueprint: session set, redirect home, flash shown once', async () => {
    const client = fresh().test_client()
    const rv = await login(client)
    expect(rv.status_code).toBe(302)
    expect(rv.location).toBe('/')
    expect(rv.headers.getSetCookie().join()).toMatch(/^session=/)
    const home = await client.get('/')
    expect(home.text).toContain('Signed in as ada')
    expect(home.text).toContain('<p class="flash message">Welcome, ada!</p>')
    expect(home.text).toContain('<form method="post" action="/notes/">')
    expect((await client.get('/')).text).not.toContain('Welcome, ada!')
  })

  it('refuses a wrong password with 401, an error flash and the name kept in the form', async () => {
    const client = fresh().test_client()
    const rv = await client.post('/auth/login', { data: { username: '<ada>', password: 'nope' } })
    expect(rv.status_code).toBe(401)
    expect(rv.text).toContain('<p class="flash error">Wrong user name or password.</p>')
    expect(rv.text).toContain('value="&lt;ada&gt;"')
    expect((await client.get('/')).text).toContain('Log in')
  })

  it('logs out: the session forgets the user and a message is flashed', async () => {
    const client = fresh().test_client()
    await login(client)
    const rv = await client.get('/auth/logout', { follow_redirects: true })
    expect(rv.status_code).toBe(200)
    expect(rv.text).toContain('You are logged out.')
    expect(rv.text).toContain('<a href="/auth/login">Log in</a>')
  })

  it('stores notes through the SQLite extension and shows them, escaped, across requests', async () => {
    const app = fresh()
    const client = app.test_client()
    await login(client)
    const rv = await client.post('/notes/', { data: { body: 'Hello <b>world</b>' }, follow_redirects: true })
    expect(rv.text).toContain('Thanks for signing!')
    expect(rv.text).toContain('Hello &lt;b&gt;world&lt;/b&gt;')
    const api = await client.get('/notes/api')
    expect(api.get_json()).toEqual([{ id: 1, body: 'Hello <b>world</b>', author: 'ada' }])
    const show = await client.get('/notes/1')
    expect(show.status_code).toBe(200)
    expect(show.text).toContain('<title>Note 1 · Guestbook</title>')
    expect(show.text).toMatch(/by ada · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  })

  it('keeps data in the database file between app instances', async () => {
    const first = fresh()
    const file = first.config.SQLITE_DATABASE as string
    const client = first.test_client()
    await login(client)
    await client.post('/notes/', { data: { body: 'persisted' } })
    const second = createApp({ TESTING: true, SQLITE_DATABASE: file })
    expect((await second.test_client().get('/notes/api')).get_json()).toEqual([
      { id: 1, body: 'persisted', author: 'ada' },
    ])
  })

  it('refuses notes from anonymous users with 403 and empty notes with a flash', async () => {
    const client = fresh().test_client()
    expect((await client.post('/notes/', { data: { body: 'x' } })).status_code).toBe(403)
    await login(client)
    const rv = await client.post('/notes/', { data: { body: '   ' }, follow_redirects: true })
    expect(rv.text).toContain('<p class="flash error">A note needs some text.</p>')
    expect((await client.get('/notes/api')).get_json()).toEqual([])
  })

  it('answers a missing note with the werkzeug 404 page', async () => {
    const rv = await fresh().test_client().get('/notes/99')
    expect(rv.status_code).toBe(404)
    expect(rv.text).toContain('<title>404 Not Found</title>')
  })

  it('registers the extension Flask-style and closes the connection at the end of each request', async () => {
    const app = fresh()
    const db = app.extensions.sqlite as SQLite
    expect(db).toBeDefined()
    const connections: { isOpen: boolean }[] = []
    app.get('/probe', () => {
      connections.push(db.connection)
      return String(db.query('SELECT count(*) AS n FROM notes')[0]?.n)
    })
    const client = app.test_client()
    expect((await client.get('/probe')).text).toBe('0')
    await client.get('/probe')
    expect(connections).toHaveLength(2)
    expect(connections[0]).not.toBe(connections[1])
    expect(connections.every((c) => !c.isOpen)).toBe(true)
  })

  it('gives each app context its own connection outside requests too', async () => {
    const app = fresh()
    const db = app.extensions.sqlite as SQLite
    const n = await app.app_context(() =>
      db.execute('INSERT INTO notes (body, author, created) VALUES (?, ?, ?)', ['cli', 'root', 0]),
    )
    expect(n.lastrowid).toBe(1)
    expect(await app.app_context(() => db.one('SELECT body FROM notes WHERE id = 1'))).toEqual({
      body: 'cli',
    })
  })

  it('exports a default app that serves the home page', async () => {
    created.push(defaultApp.config.SQLITE_DATABASE as string)
    expect((await defaultApp.request('/')).status).toBe(200)
  })
})
