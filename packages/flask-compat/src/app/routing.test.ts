import { describe, expect, it } from 'vitest'
import { Flask, redirect, url_for, ValidationError } from '../index.js'

function makeApp(): Flask {
  const app = new Flask('flask_test', { static_folder: null })
  app.config.update({ TESTING: true, SECRET_KEY: 'test key' })
  return app
}

describe('routing and URL building (compared with Flask 3.1 / werkzeug 3.1)', () => {
  it('matches path, uuid, any and float converters', async () => {
    const app = makeApp()
    app.get('/f/<path:rest>', ({ rest }) => `path ${rest}`)
    app.get('/i/<uuid:key>', ({ key }) => `uuid ${key}`)
    app.get('/p/<any(about, help):page>', ({ page }) => `page ${page}`)
    app.get('/n/<float:x>', ({ x }) => `float ${x * 2}`)
    const c = app.test_client()
    expect((await c.get('/f/a/b/c.txt')).text).toBe('path a/b/c.txt')
    expect((await c.get('/i/7EB41166-9EBF-4D26-B771-EA3F54F8B383')).text).toBe(
      'uuid 7eb41166-9ebf-4d26-b771-ea3f54f8b383',
    )
    expect((await c.get('/p/help')).text).toBe('page help')
    expect((await c.get('/p/other')).status_code).toBe(404)
    expect((await c.get('/n/1.5')).text).toBe('float 3')
    expect((await c.get('/n/1')).status_code).toBe(404)
  })

  it('uses custom converters from url_map.converters', async () => {
    const app = makeApp()
    class ListConverter {
      readonly regex = '[^/]+'
      to_python(value: string) {
        if (value.includes(';')) throw new ValidationError()
        return value.split(',')
      }
      to_url(value: unknown) {
        return (value as string[]).join(',')
      }
    }
    app.url_map.converters.list = ListConverter
    app.get('/l/<list:items>', function list_items({ items }) {
      return `${(items as unknown as string[]).length} ${url_for('list_items', { items: ['x', 'y'] })}`
    })
    const c = app.test_client()
    expect((await c.get('/l/a,b,c')).text).toBe('3 /l/x,y')
    expect((await c.get('/l/a;b')).status_code).toBe(404)
  })

  it('refuses unknown converters at registration', () => {
    const app = makeApp()
    expect(() => app.get('/x/<nope:y>', () => '')).toThrow(/No converter named 'nope'/)
  })

  it('builds query strings, anchors, methods and schemes as werkzeug does', async () => {
    const app = makeApp()
    app.get('/u/<int:id>', function u() {
      return ''
    })
    app.post('/u/<int:id>', function u_post() {
      return ''
    })
    await app.test_request_context(() => {
      expect(url_for('u', { id: 3, q: "a b/c?&=!$'()*,:;@~", _anchor: 'x y#z' })).toBe(
        "/u/3?q=a+b/c?%26%3D!$'()*,:;@~#x%20y#z",
      )
      expect(url_for('u', { id: 3, tag: ['a', 'b'], none: null })).toBe('/u/3?tag=a&tag=b')
      expect(url_for('u_post', { id: 1, _method: 'POST' })).toBe('/u/1')
      expect(url_for('u', { id: 1, _scheme: 'https', _external: true })).toBe('https://localhost/u/1')
      expect(() => url_for('u', { id: 1, _scheme: 'https', _external: false })).toThrow(/_external/)
    })
  })

  it('redirects with werkzeug body and quoted Location', async () => {
    const app = makeApp()
    app.get('/r', () => redirect('/x?a=<b>&c=d'))
    const rv = await app.test_client().get('/r')
    expect(rv.status).toBe('302 FOUND')
    expect(rv.location).toBe('/x?a=%3Cb%3E&c=d')
    expect(rv.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
        '<p>You should be redirected automatically to the target URL: <a href="/x?a=&lt;b&gt;&amp;c=d">/x?a=&lt;b&gt;&amp;c=d</a>. If not, click the link.\n',
    )
  })

  it('answers the strict-slash redirect and 404/405 pages byte for byte', async () => {
    const app = makeApp()
    app.get('/a/', () => 'a')
    app.post('/p', () => 'p')
    const c = app.test_client()
    const r308 = await c.get('/a')
    expect([r308.status, r308.location]).toEqual(['308 PERMANENT REDIRECT', 'http://localhost/a/'])
    expect(r308.text).toContain('<a href="http://localhost/a/">http://localhost/a/</a>')
    const r404 = await c.get('/nope')
    expect(r404.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    )
    const r405 = await c.get('/p')
    expect(r405.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n',
    )
  })

  it('matches both slash forms when strict_slashes is off', async () => {
    const app = makeApp()
    app.get('/loose/', { strict_slashes: false }, () => 'loose')
    const c = app.test_client()
    expect((await c.get('/loose')).text).toBe('loose')
    expect((await c.get('/loose/')).text).toBe('loose')
  })

  it('falls through to a string rule when an int rule rejects the value', async () => {
    const app = makeApp()
    app.get('/u/<int(max=9):id>', ({ id }) => `int ${id}`)
    app.get('/u/<name>', ({ name }) => `name ${name}`)
    const c = app.test_client()
    expect((await c.get('/u/5')).text).toBe('int 5')
    expect((await c.get('/u/50')).text).toBe('name 50')
  })
})
