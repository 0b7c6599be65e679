import { Flask, Markup, render_template, type TemplateLoader } from '@bustapi/flask-compat'

/** The flask-compat template fixture: a page with a layout and partials. */
export const TEMPLATE_FIXTURES = 'packages/flask-compat/src/templating/fixtures/precompile'

/**
 * A Flask app rendering the fixture page, from `folder` on disk or, on Workers, from `loader`
 * (precompiled templates).
 *
 * @example
 * const app = createTemplatesApp({ folder: '/repo/' + TEMPLATE_FIXTURES })
 */
export function createTemplatesApp(from: { folder: string } | { loader: TemplateLoader }): Flask {
  const app = new Flask('templates', {
    root_path: '/',
    template_folder: 'folder' in from ? from.folder : null,
  })
  app.template_filter('upper', (s: string) => s.toUpperCase())
  app.template_global('site', 'Example & Co')
  if ('loader' in from) app.jinja_env.loader = from.loader
  app.route('/', () =>
    render_template('page.html', {
      heading: 'things',
      items: ['a', '<b>', 'c'],
      note: new Markup('<em>raw</em>'),
      links: [
        { href: '/', label: 'Home' },
        { href: '/items', label: 'Items' },
      ],
    }),
  )
  app.route('/alive', () => 'alive')
  return app
}
