import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Flask } from '../index.js'

/** The fixtures folder: templates/, static/, uploads/ and a secret.txt outside them. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

/**
 * A Flask app as Flask's own test suite's `app` fixture makes it: rooted at the fixtures folder,
 * `testing` on, a secret key set.
 *
 * @example
 * const app = makeApp(); const client = app.test_client()
 */
export function makeApp(): Flask {
  const app = new Flask('flask_test', { root_path: FIXTURES })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}
