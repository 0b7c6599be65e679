import { readFileSync } from 'node:fs'

const loaded = new Map<string, Record<string, Record<string, unknown>>>()

/**
 * The OpenAPI document upstream FastAPI's test for a docs example expects
 * (tests/test_tutorial/test_<topic>/test_<tutorial>.py), kept as JSON in `upstream/<topic>.json`.
 * A fresh copy each call, so a test may adapt it where TypeScript schemas must differ.
 *
 * @example
 * expect(app.openapi()).toEqual(upstreamOpenAPI('body_fields', 'tutorial001'))
 */
export function upstreamOpenAPI(topic: string, tutorial: string): Record<string, any> {
  let docs = loaded.get(topic)
  if (!docs) {
    docs = JSON.parse(readFileSync(new URL(`./upstream/${topic}.json`, import.meta.url), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >
    loaded.set(topic, docs)
  }
  const doc = docs[tutorial]
  if (!doc) throw new Error(`No upstream OpenAPI document for ${topic}/${tutorial}.`)
  return structuredClone(doc)
}
