import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Markup } from '../sessions/index.js'
import { createTemplateEnvironment, TemplateNotFound } from './environment.js'

const here = dirname(fileURLToPath(import.meta.url))
const APP = join(here, 'fixtures', 'app')
const BP = join(here, 'fixtures', 'bp')
const env = (extra: Parameters<typeof createTemplateEnvironment>[0] = {}) =>
  createTemplateEnvironment({ folders: [APP, BP], ...extra })

describe('template environment', () => {
  // flask tests/test_templating.py::test_escaping
  it('escapes <%= %> and leaves <%~ %> raw in .html templates', async () => {
    expect(await env().render('escape.html', { name: '<p>&"\'' })).toBe(
      '<b>&lt;p&gt;&amp;&#34;&#39;</b>|<p>&"\'',
    )
  })

  // flask tests/test_templating.py::test_no_escaping
  it('does not escape templates that are not HTML, such as .txt', async () => {
    expect(await env().render('plain.txt', { name: '<p>' })).toBe('<p>')
  })

  // flask tests/test_templating.py::test_escaping_without_template_filename
  it('escapes template strings', async () => {
    expect(await env().renderString('<%= x %>', { x: '<x>' })).toBe('&lt;x&gt;')
  })

  it('honours an explicit autoescape option', async () => {
    expect(await env({ autoescape: false }).render('escape.html', { name: '<i>' })).toBe('<b><i></b>|<i>')
    expect(await env({ autoescape: true }).render('plain.txt', { name: '<i>' })).toBe('&lt;i&gt;')
  })

  // flask tests/test_templating.py::test_escaping (Markup is not escaped twice)
  it('prints Markup (anything with __html__) unescaped', async () => {
    expect(await env().renderString('<%= m %>', { m: new Markup('<em>ok</em>') })).toBe('<em>ok</em>')
  })

  it('makes context keys plain variables and keeps it.x working', async () => {
    expect(await env().renderString('<%= a %>-<%= it.b %>', { a: 1, b: 2 })).toBe('1-2')
  })

  it('prints undefined and null as nothing', async () => {
    expect(await env().renderString('[<%= it.missing %>][<%= n %>]', { n: null })).toBe('[][]')
  })

  it('renders a page inside its layout', async () => {
    expect(await env().render('page.html', { name: 'Ada' })).toBe(
      '<!doctype html><title>T</title><main><p>Ada</p></main>',
    )
  })

  it('includes partials by folder-relative and by ./relative names', async () => {
    expect(await env().render('list.html', { items: ['a', '<b>'] })).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li></ul>',
    )
    expect(await env().render('relative.html')).toBe('<li>7</li>')
  })

  it('renders asynchronously, awaiting inside templates', async () => {
    const e = env()
    e.globals.load = async () => 'loaded'
    expect(await e.renderString('<%= await load() %>')).toBe('loaded')
  })

  // flask tests/test_templating.py::test_add_template_filter / test_template_filter
  it('calls filters as filters.name(...)', async () => {
    const e = env()
    e.filters.upper = (s: string) => s.toUpperCase()
    expect(await e.render('only.html', { name: 'ada' })).toBe('bp only ADA')
  })

  // flask tests/test_templating.py::test_add_template_global / test_template_global
  it('exposes globals as plain variables, overridden by the render context', async () => {
    const e = env()
    e.globals.site = 'Site'
    e.globals.get_stuff = () => 42
    expect(await e.renderString('<%= site %> <%= get_stuff() %>')).toBe('Site 42')
    expect(await e.renderString('<%= site %>', { site: 'Mine' })).toBe('Mine')
  })

  // flask tests/test_templating.py::test_context_processing
  it('adds the variables of context processors to every render', async () => {
    const e = env()
    e.context_processors.push(() => ({ injected_value: 42 }))
    e.context_processors.push(async () => ({ other: 'x' }))
    expect(await e.renderString('<%= injected_value %><%= other %><%= value %>', { value: 23 })).toBe('42x23')
  })

  // flask tests/test_blueprints.py::test_templates_list / test_blueprint_template folders order
  it('searches the app folder before blueprint folders, then the blueprints', async () => {
    expect(await env().render('shared.html')).toBe('app shared')
    const e = createTemplateEnvironment({ folders: [APP] })
    await expect(e.render('only.html', { name: 'x' })).rejects.toBeInstanceOf(TemplateNotFound)
    e.addFolder(BP)
    e.filters.upper = (s: string) => s.toUpperCase()
    expect(await e.render('only.html', { name: 'x' })).toBe('bp only X')
  })

  // flask tests/test_templating.py::test_template_not_found / test_iterable_loader
  it('throws TemplateNotFound naming the template for a missing one', async () => {
    const error = await env()
      .render('missing.html')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TemplateNotFound)
    expect((error as TemplateNotFound).template_name).toBe('missing.html')
    expect((error as Error).message).toContain("Template 'missing.html' not found")
  })

  it.each([
    '../environment.ts',
    '/etc/passwd',
    '..\\..\\x.html',
    'a\0.html',
    'partials/../../bp/shared.html',
  ])('refuses to leave the template folders: %s', async (name) => {
    await expect(env().render(name)).rejects.toBeInstanceOf(TemplateNotFound)
  })

  it('finds a template given without its .html extension', async () => {
    expect(await env().render('shared')).toBe('app shared')
  })
})
