import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as core from './index.js'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !/bench/.test(name) ? [path] : []
  })
}

describe('@bustapi/core package', () => {
  it('imports nothing runtime-specific but node:async_hooks, and never Buffer', () => {
    const offenders: string[] = []
    for (const file of sources(import.meta.dirname)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/from '(node:[^']+)'/g)) {
        if (m[1] !== 'node:async_hooks') offenders.push(`${file}: ${m[1]}`)
      }
      if (/\bBuffer\b/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) offenders.push(`${file}: Buffer`)
    }
    expect(offenders).toEqual([])
  })

  it('exports a deliberate set of names (adding API is a visible diff)', () => {
    expect(Object.keys(core).sort()).toMatchSnapshot()
  })
})
