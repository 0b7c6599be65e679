import { describe, expect, it } from 'vitest'
import * as node from './index.js'

describe('@bustapi/adapters/node package', () => {
  it('exports a deliberate set of names (adding API is a visible diff)', () => {
    expect(Object.keys(node).sort()).toEqual(['NodeBindings', 'createNodeHandler', 'nodeFileSource', 'serve'])
  })
})
