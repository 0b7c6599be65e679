import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Blueprint, Flask, flash, g, render_template, request, session } from '../index.js'

const ROOT = fileURLToPath(new URL('./fixtures', import.meta.url))

describe('templates wired to the app', () => {
  it('gives every template request, session, g and config', async () => {
    const app = new Flask('t', { root_path: ROOT })
    app.config.update({ SECRET_KEY: 'k', SITE: 'Example' })
    app.get('/page', async () => {
      session.k = 'v'
      g.x = 7
      return render_template('context.html', { value: '<b>' })
    })
    const rv = await app.test_client().get('/page')
    expect(rv.text.trim()).toBe('<p>/page v 7 Example &lt;b&gt;</p>')
  })

  it('offers url_for, filters, globals and context processors', async () => {
    const app = new Flask('t', { root_path: ROOT })
    app.secret_key = 'k'
    app.template_filter('upper', (s: string) => s.toUpperCase())
    app.template_global('site_name', 'Site')
    app.context_processor(() => ({ greeting: 'hi' }))
    app.get('/', function index() {
      return render_template('tools.html', { name: 'ada' })
    })
    app.get('/flash', () => {
      flash('one')
      flash('two')
      return ''
    })
    app.get('/show', () => render_template('flashes.html'))
    const client = app.test_client()
    expect((await client.get('/')).text.trim()).toBe('<a href="/">ADA</a>')
    await client.get('/flash')
    expect((await client.get('/show')).text.trim()).toBe('one,two|hi|Site')
  })

  it('finds templates in blueprint folders after the app folder', async () => {
    const app = new Flask('t', { root_path: ROOT })
    const bp = new Blueprint('bp', 'bp', { root_path: ROOT, template_folder: 'bp_templates' })
    bp.get('/b', () => render_template('only_bp.html', { who: request.blueprint }))
    app.register_blueprint(bp)
    expect((await app.test_client().get('/b')).text.trim()).toBe('from bp: bp')
  })
})

describe('serving', () => {
  it('works as `export default app` through fetch', async () => {
    const app = new Flask('t', { static_folder: null })
    app.get('/', () => 'hi')
    const res = await app.fetch(new Request('http://localhost/'))
    expect(await res.text()).toBe('hi')
    expect(res.headers.get('content-length')).toBe('2')
  })

  it('lists rules in core route metadata', () => {
    const app = new Flask('t', { static_folder: null })
    app.get('/u/<int:id>', function user() {
      return ''
    })
    const info = app.core.routes.find((r) => r.name === 'user')
    expect(info?.meta).toMatchObject({ flask: true, rule: '/u/<int:id>', endpoint: 'user' })
  })

  it('runs on a real Node server with app.run', async () => {
    const app = new Flask('t', { static_folder: null })
    app.get('/hello/<name>', ({ name }) => ({ hello: name, ip: request.remote_addr }))
    const server = (await app.run({ port: 0, handleSignals: false })) as {
      url: string
      close(): Promise<void>
    }
    try {
      const res = await fetch(`${server.url}/hello/ada`)
      expect(await res.json()).toEqual({ hello: 'ada', ip: expect.stringMatching(/127\.0\.0\.1/) })
    } finally {
      await server.close()
    }
  })
})
