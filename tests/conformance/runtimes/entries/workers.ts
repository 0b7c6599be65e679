// The conformance app as a Worker module; startup hooks run before the first request. Static
// files come from the ASSETS binding (a workerd disk service over the fixture folder).
import { worker } from '@bustapi/adapters/workers'
import { createConformanceApp } from '../../apps.js'

export default worker(createConformanceApp({ staticRoot: '/' }))
