import { describe, expect, it } from 'vitest'
import { Flask, render_template_string } from '../index.js'
import { get_debug_flag } from './config.js'

// Flask 3.1's `Flask('x').config`, dumped from real Flask (timedelta as seconds).
const FLASK_31_CONFIG = {
  APPLICATION_ROOT: '/',
  DEBUG: false,
  EXPLAIN_TEMPLATE_LOADING: false,
  MAX_CONTENT_LENGTH: null,
  MAX_COOKIE_SIZE: 4093,
  MAX_FORM_MEMORY_SIZE: 500000,
  MAX_FORM_PARTS: 1000,
  PERMANENT_SESSION_LIFETIME: 2678400,
  PREFERRED_URL_SCHEME: 'http',
  PROPAGATE_EXCEPTIONS: null,
  PROVIDE_AUTOMATIC_OPTIONS: true,
  SECRET_KEY: null,
  SECRET_KEY_FALLBACKS: null,
  SEND_FILE_MAX_AGE_DEFAULT: null,
  SERVER_NAME: null,
  SESSION_COOKIE_DOMAIN: null,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_NAME: 'session',
  SESSION_COOKIE_PARTITIONED: false,
  SESSION_COOKIE_PATH: null,
  SESSION_COOKIE_SAMESITE: null,
  SESSION_COOKIE_SECURE: false,
  SESSION_REFRESH_EACH_REQUEST: true,
  TEMPLATES_AUTO_RELOAD: null,
  TESTING: false,
  TRAP_BAD_REQUEST_ERRORS: null,
  TRAP_HTTP_EXCEPTIONS: false,
  TRUSTED_HOSTS: null,
  USE_X_SENDFILE: false,
}

describe('app.config defaults (flask/app.py default_config and make_config)', () => {
  it("starts with exactly Flask 3.1's keys and values, DEBUG false", () => {
    const app = new Flask('x', { static_folder: null })
    expect(app.config.toJSON()).toEqual(FLASK_31_CONFIG)
    expect([app.debug, app.testing]).toEqual([false, false])
  })

  // tests/test_templating.py::test_standard_context prints config.DEBUG ('False' in Jinja)
  it('prints config.DEBUG as false in a template by default', async () => {
    const app = new Flask('x', { static_folder: null })
    expect(await app.app_context(() => render_template_string('<%= config.DEBUG %>'))).toBe('false')
  })

  // flask/helpers.py::get_debug_flag (compared with Flask 3.1 for each value)
  it.each([
    ['1', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['No', false],
    ['', false],
    [undefined, false],
  ])('reads FLASK_DEBUG=%s as %s', (value, expected) => {
    expect(get_debug_flag({ FLASK_DEBUG: value })).toBe(expected)
  })
})

describe('Config loaders (tests/test_config.py)', () => {
  // test_config_from_mapping: only upper-case keys are taken
  it('takes only upper-case keys from a mapping', () => {
    const app = new Flask('x', { static_folder: null })
    app.config.from_mapping({ SECRET_KEY: 'config', TEST_KEY: 'foo', lower: 'no' })
    expect([app.config.SECRET_KEY, app.config.TEST_KEY, 'lower' in app.config]).toEqual([
      'config',
      'foo',
      false,
    ])
  })

  // test_config_from_prefixed_env
  it('loads FLASK_ variables, parsing JSON values', () => {
    const app = new Flask('x', { static_folder: null })
    app.config.from_prefixed_env('FLASK', {
      env: {
        FLASK_STRING: 'value',
        FLASK_BOOL: 'true',
        FLASK_INT: '1',
        FLASK_FLOAT: '1.2',
        FLASK_LIST: '[1, 2]',
        FLASK_DICT: '{"k": "v"}',
        NOT_FLASK_OTHER: 'other',
      },
    })
    expect(app.config.get_namespace('', { lowercase: false })).toMatchObject({
      STRING: 'value',
      BOOL: true,
      INT: 1,
      FLOAT: 1.2,
      LIST: [1, 2],
      DICT: { k: 'v' },
    })
    expect('OTHER' in app.config).toBe(false)
  })

  // test_config_from_prefixed_env_nested
  it('sets nested keys from double underscores', () => {
    const app = new Flask('x', { static_folder: null })
    app.config.EXIST = { ok: 'value', flag: true, inner: { ik: 1 } }
    app.config.from_prefixed_env('FLASK', {
      env: {
        FLASK_EXIST__ok: 'other',
        FLASK_EXIST__inner__ik: '2',
        FLASK_EXIST__new__more: '{"k": false}',
        FLASK_NEW__K: 'v',
      },
    })
    expect(app.config.EXIST).toEqual({
      ok: 'other',
      flag: true,
      inner: { ik: 2 },
      new: { more: { k: false } },
    })
    expect(app.config.NEW).toEqual({ K: 'v' })
  })

  // test_get_namespace
  it('reads a namespace, lower-cased and trimmed unless told otherwise', () => {
    const app = new Flask('x', { static_folder: null })
    app.config.update({
      FOO_OPTION_1: 'foo option 1',
      FOO_OPTION_2: 'foo option 2',
      BAR_STUFF_1: 'bar stuff 1',
    })
    expect(app.config.get_namespace('FOO_')).toEqual({ option_1: 'foo option 1', option_2: 'foo option 2' })
    expect(app.config.get_namespace('BAR_', { lowercase: false })).toEqual({ STUFF_1: 'bar stuff 1' })
    expect(app.config.get_namespace('FOO_', { trim_namespace: false })).toEqual({
      foo_option_1: 'foo option 1',
      foo_option_2: 'foo option 2',
    })
  })
})
