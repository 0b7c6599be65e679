// A CommonJS module: Node's ESM loader cannot see its named exports, so take them from the default.
import sqlite3 from 'node-sqlite3-wasm'

const { Database } = sqlite3
type Database = InstanceType<typeof Database>

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  username TEXT PRIMARY KEY,
  full_name TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT,
  price REAL NOT NULL,
  tax REAL,
  owner TEXT NOT NULL REFERENCES users(username)
);`

/**
 * The SQLite store of the example API (node-sqlite3-wasm: WebAssembly, no native build).
 * `:memory:` by default; a file path keeps data between runs.
 *
 * @example
 * const store = openStore(); store.db.all('SELECT * FROM items'); store.close()
 */
export function openStore(path = ':memory:'): { db: Database; close(): void } {
  const db = new Database(path)
  db.exec(SCHEMA)
  return {
    db,
    close: () => {
      if (db.isOpen) db.close()
    },
  }
}

/**
 * One request's unit of work on the database: a transaction that commits when the request's
 * handler succeeds and rolls back when it throws.
 *
 * @example
 * const session = new Session(store.db); session.run('DELETE FROM items'); session.commit()
 */
export class Session {
  #open = true
  constructor(readonly db: Database) {
    db.exec('BEGIN')
  }
  all<T>(sql: string, values?: Record<string, unknown> | unknown[]): T[] {
    return this.db.all(sql, values as never) as T[]
  }
  get<T>(sql: string, values?: Record<string, unknown> | unknown[]): T | undefined {
    return (this.db.get(sql, values as never) ?? undefined) as T | undefined
  }
  run(
    sql: string,
    values?: Record<string, unknown> | unknown[],
  ): { changes: number; lastInsertRowid: number } {
    const info = this.db.run(sql, values as never)
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) }
  }
  commit(): void {
    if (this.#open) this.db.exec('COMMIT')
    this.#open = false
  }
  rollback(): void {
    if (this.#open) this.db.exec('ROLLBACK')
    this.#open = false
  }
}
