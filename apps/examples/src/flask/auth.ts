import {
  Blueprint,
  current_app,
  flash,
  redirect,
  render_template,
  request,
  session,
  url_for,
} from '@bustapi/flask-compat'

/**
 * Log in and out: a blueprint mounted at `/auth`. Any user name signs in with the app's
 * `GUESTBOOK_PASSWORD`; the name is kept in the signed session cookie.
 *
 * @example
 * app.register_blueprint(auth, { url_prefix: '/auth' })
 */
export const auth = new Blueprint('auth', 'auth')

// Named functions give the endpoints their names, as in Flask: auth.login, auth.logout
auth.route('/login', { methods: ['GET', 'POST'] }, async function login() {
  if (request.method === 'POST') {
    const username = (request.form.get('username') ?? '').trim()
    const password = request.form.get('password') ?? ''
    if (username && password === current_app.config.GUESTBOOK_PASSWORD) {
      session.user = username
      flash(`Welcome, ${username}!`)
      return redirect(url_for('index'))
    }
    flash('Wrong user name or password.', 'error')
    return [await render_template('auth/login.html', { username }), 401]
  }
  return render_template('auth/login.html', { username: '' })
})

auth.get('/logout', function logout() {
  delete session.user
  flash('You are logged out.')
  return redirect(url_for('index'))
})
