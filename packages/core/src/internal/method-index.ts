import { RegExpRouter } from 'hono/router/reg-exp-router'
import { SmartRouter } from 'hono/router/smart-router'
import { TrieRouter } from 'hono/router/trie-router'

/**
 * Which methods a path accepts, answered by the same routers Hono dispatches with, so a 405 and
 * its `Allow` header can never disagree with routing. Consulted only on the not-found path.
 */
export class MethodIndex {
  readonly #router = new SmartRouter<readonly string[]>({ routers: [new RegExpRouter(), new TrieRouter()] })
  #empty = true

  add(methods: readonly string[], path: string): void {
    this.#router.add('ALL', path, methods)
    this.#empty = false
  }

  /** The methods accepted at `path`, with HEAD implied by GET and OPTIONS always answered. */
  allowed(path: string): string[] {
    if (this.#empty) return []
    const [matches] = this.#router.match('ALL', path)
    if (matches.length === 0) return []
    const methods = new Set<string>()
    for (const match of matches) for (const m of match[0]) methods.add(m)
    if (methods.has('GET')) methods.add('HEAD')
    methods.add('OPTIONS')
    return [...methods].sort()
  }
}
