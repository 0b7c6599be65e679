import { describe, expect, it } from 'vitest'
import * as flask from './index.js'

describe('the public surface of @bustapi/flask-compat', () => {
  it('exports the names Flask code uses (a visible diff when it changes)', () => {
    expect(Object.keys(flask).sort()).toMatchSnapshot()
  })

  it('keeps Flask names working together for a tiny app', async () => {
    const app = new flask.Flask('surface', { static_folder: null })
    app.get('/', () => flask.jsonify({ ok: flask.has_request_context() }))
    expect((await app.test_client().get('/')).json).toEqual({ ok: true })
  })
})
