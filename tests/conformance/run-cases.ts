import { afterAll, beforeAll, describe, it } from 'vitest'
import { allGroups } from './cases/index.js'
import type { CaseGroup, RunningTarget, Target } from './types.js'

/**
 * Registers every conformance case against one target with vitest. The target starts once for
 * the whole file and is closed after it.
 *
 * @example
 * runConformance('node', () => nodeTarget(createConformanceApp()))
 */
export function runConformance(
  name: string,
  start: () => Promise<RunningTarget>,
  groups: readonly CaseGroup[] = allGroups,
): void {
  describe(`conformance on ${name}`, () => {
    let running: RunningTarget | undefined
    // Cases read the target lazily: it exists only once beforeAll has run.
    const target: Target = {
      name,
      get overHttp() {
        return current().overHttp
      },
      fetch: (input, init) => current().fetch(input, init),
      connect: (path, options) => current().connect(path, options),
    }
    const current = () => {
      if (running === undefined) throw new Error(`The ${name} target did not start.`)
      return running
    }
    beforeAll(async () => {
      running = await start()
    }, 30_000)
    afterAll(async () => {
      await running?.close()
    }, 30_000)

    for (const group of groups) {
      describe(group.name, () => {
        for (const c of group.cases) {
          it(c.name, { timeout: c.timeoutMs ?? 10_000 }, async (ctx) => {
            const reason = c.skip?.(current())
            if (reason !== undefined) return ctx.skip(reason)
            await c.run(target)
          })
        }
      })
    }
  })
}
