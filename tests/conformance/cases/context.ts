import { expect } from 'vitest'
import { defineCases } from '../types.js'

const REQUESTS = 300

export const context = defineCases('request context', [
  {
    name: `${REQUESTS} interleaved requests each read back only their own state`,
    timeoutMs: 30_000,
    async run(t) {
      const answers = await Promise.all(
        Array.from({ length: REQUESTS }, async (_, i) => {
          const id = `r${i}`
          const res = await t.fetch(`/context/echo?id=${id}`)
          return { id, body: (await res.json()) as Record<string, unknown> }
        }),
      )
      const mismatches = answers.filter(
        ({ id, body }) => body.id !== id || body.middleware !== id || body.query !== id || body.same !== true,
      )
      expect(mismatches).toEqual([])
    },
  },
])
