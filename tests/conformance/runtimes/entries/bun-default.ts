// The conformance app as Bun's module default export through bunApp(): Bun serves it itself.
import { bunApp } from '@bustapi/adapters/bun'
import { createConformanceApp } from '../../apps.js'

const app = createConformanceApp({ staticRoot: 'tests/conformance/fixtures/static' })
export default { ...bunApp(app), port: Number(process.env.PORT), hostname: '127.0.0.1' }
