import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Flask, render_template } from '@bustapi/flask-compat'
import { auth } from './auth.js'
import { createNotes } from './notes.js'
import { SQLite } from './sqlite.js'

const SCHEMA = `CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  created INTEGER NOT NULL
)`

/**
 * The guestbook, an application factory as Flask's tutorial writes one: config, the SQLite
 * extension, two blueprints, Eta templates with a layout, sessions and flashed messages.
 *
 * @example
 * const app = createApp({ SECRET_KEY: 'dev', SQLITE_DATABASE: '/tmp/guestbook.sqlite' })
 */
export function createApp(config: Record<string, unknown> = {}): Flask {
  const app = new Flask('guestbook', { root_path: dirname(fileURLToPath(import.meta.url)) })
  app.config.from_mapping(
    { SECRET_KEY: 'dev-only-secret', GUESTBOOK_PASSWORD: 'letmein', SQLITE_SCHEMA: SCHEMA },
    config,
  )

  const db = new SQLite()
  db.init_app(app)

  app.template_filter('datetimeformat', (seconds: number) =>
    new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' '),
  )

  app.get('/', { endpoint: 'index' }, () =>
    render_template('index.html', {
      notes: db.query('SELECT id, body, author FROM notes ORDER BY id DESC LIMIT 20'),
    }),
  )
  app.register_blueprint(auth, { url_prefix: '/auth' })
  app.register_blueprint(createNotes(db), { url_prefix: '/notes' })
  return app
}

/** The default app: `export default app` serves it on Bun, Deno and (with a file system) Node. */
const app = createApp()
export default app
