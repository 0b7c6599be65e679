import {
  abort,
  Blueprint,
  flash,
  jsonify,
  redirect,
  render_template,
  request,
  session,
  url_for,
} from '@bustapi/flask-compat'
import type { SQLite } from './sqlite.js'

/**
 * The guestbook's notes, a blueprint over the SQLite extension: create (signed-in users), show,
 * and a JSON list.
 *
 * @example
 * app.register_blueprint(createNotes(db), { url_prefix: '/notes' })
 */
export function createNotes(db: SQLite): Blueprint {
  const notes = new Blueprint('notes', 'notes')

  notes.post('/', { endpoint: 'create' }, () => {
    if (!session.user) abort(403)
    const body = (request.form.get('body') ?? '').trim()
    if (!body) {
      flash('A note needs some text.', 'error')
      return redirect(url_for('index'))
    }
    db.execute('INSERT INTO notes (body, author, created) VALUES (?, ?, ?)', [
      body.slice(0, 2000),
      String(session.user),
      Math.floor(Date.now() / 1000),
    ])
    flash('Thanks for signing!')
    return redirect(url_for('index'))
  })

  notes.get('/<int:id>', { endpoint: 'show' }, ({ id }) => {
    const note = db.one('SELECT id, body, author, created FROM notes WHERE id = ?', [id])
    if (note === null) abort(404)
    return render_template('notes/show.html', { note })
  })

  notes.get('/api', { endpoint: 'api' }, () =>
    jsonify(db.query('SELECT id, body, author FROM notes ORDER BY id DESC LIMIT 50')),
  )

  return notes
}
