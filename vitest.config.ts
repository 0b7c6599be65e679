import { defineConfig } from 'vitest/config'

// One project per package plus the cross-package suites; every project resolves
// workspace packages to their TypeScript sources through the custom condition.
const conditions = ['@bustapi/source']
const project = (name: string, dir: string) => ({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name, root: dir, include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'] },
})

export default defineConfig({
  test: {
    projects: [
      project('core', 'packages/core'),
      project('adapters', 'packages/adapters'),
      project('flask-compat', 'packages/flask-compat'),
      project('fastapi-compat', 'packages/fastapi-compat'),
      project('examples', 'apps/examples'),
      project('tests', 'tests'),
    ],
    typecheck: { enabled: false },
  },
})
