import { describe, expect, it } from 'vitest'
import { flash, get_flashed_messages, Markup, render_template_string } from '../index.js'
import { makeApp } from './setup.js'

const show = (messages: unknown[]) =>
  messages.map((m) => (Array.isArray(m) ? [m[0], String(m[1])] : String(m)))

describe('message flashing (tests/test_basic.py::test_flashes, test_extended_flashing)', () => {
  function flashingApp() {
    const app = makeApp()
    app.route('/', () => {
      flash('Hello World')
      flash('Hello World', 'error')
      flash(new Markup('<em>Testing</em>'), 'warning')
      return ''
    })
    app.route('/plain', () => show(get_flashed_messages()))
    app.route('/categories', () => show(get_flashed_messages({ with_categories: true })))
    app.route('/filter', () =>
      show(get_flashed_messages({ category_filter: ['message'], with_categories: true })),
    )
    app.route('/filters', () =>
      show(get_flashed_messages({ category_filter: ['message', 'warning'], with_categories: true })),
    )
    app.route('/filters2', () => show(get_flashed_messages({ category_filter: ['message', 'warning'] })))
    app.route('/html', () =>
      render_template_string('<% for (const m of get_flashed_messages()) { %>[<%= m %>]<% } %>'),
    )
    return app
  }

  it.each([
    ['/plain', ['Hello World', 'Hello World', '<em>Testing</em>']],
    [
      '/categories',
      [
        ['message', 'Hello World'],
        ['error', 'Hello World'],
        ['warning', '<em>Testing</em>'],
      ],
    ],
    ['/filter', [['message', 'Hello World']]],
    [
      '/filters',
      [
        ['message', 'Hello World'],
        ['warning', '<em>Testing</em>'],
      ],
    ],
    ['/filters2', ['Hello World', '<em>Testing</em>']],
  ])('reads flashed messages at %s as Flask does', async (path, expected) => {
    const client = flashingApp().test_client()
    await client.get('/')
    expect((await client.get(path)).get_json()).toEqual(expected)
  })

  it('shows messages once, then forgets them', async () => {
    const client = flashingApp().test_client()
    await client.get('/')
    expect((await client.get('/plain')).get_json()).toHaveLength(3)
    expect((await client.get('/plain')).get_json()).toEqual([])
  })

  it('escapes text messages but not Markup in templates', async () => {
    const app = flashingApp()
    app.route('/x', () => {
      flash('<b>bold</b>')
      return ''
    })
    const client = app.test_client()
    await client.get('/x')
    expect((await client.get('/html')).text).toBe('[&lt;b&gt;bold&lt;/b&gt;]')
    await client.get('/')
    expect((await client.get('/html')).text).toBe('[Hello World][Hello World][<em>Testing</em>]')
  })

  it('reads the same messages twice within one request (test_flashes)', async () => {
    const app = makeApp()
    app.route('/', () => {
      flash('Zap')
      flash('Zip')
      return { first: get_flashed_messages(), second: get_flashed_messages() }
    })
    expect((await app.test_client().get('/')).get_json()).toEqual({
      first: ['Zap', 'Zip'],
      second: ['Zap', 'Zip'],
    })
  })
})
