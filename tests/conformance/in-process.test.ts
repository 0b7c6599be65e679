import { createConformanceApp } from './apps.js'
import { runConformance } from './run-cases.js'
import { inProcessTarget } from './targets.js'

runConformance('in-process', () => inProcessTarget(createConformanceApp()))
