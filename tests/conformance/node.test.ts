import { createConformanceApp } from './apps.js'
import { runConformance } from './run-cases.js'
import { nodeTarget } from './targets.js'

runConformance('node', () => nodeTarget(createConformanceApp()))
