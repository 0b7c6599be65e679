import { nodeFileSource } from '@bustapi/adapters/node'
import { createConformanceApp } from './apps.js'
import { runConformance } from './run-cases.js'
import { inProcessTarget } from './targets.js'

// In process there is no adapter to put a file source on env: the static files come from Node's fs.
runConformance('in-process', () => inProcessTarget(createConformanceApp({ fileSource: nodeFileSource })))
