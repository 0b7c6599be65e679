// The conformance app as a Worker module; startup hooks run before the first request.
import { worker } from '@bustapi/adapters/workers'
import { createConformanceApp } from '../../apps.js'

export default worker(createConformanceApp())
