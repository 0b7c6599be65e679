import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { current_app, type Flask, g } from '@bustapi/flask-compat'
// A CommonJS module: Node's ESM loader cannot see its named exports, so take them from the default.
import sqlite3 from 'node-sqlite3-wasm'

const { Database } = sqlite3
type Database = InstanceType<typeof Database>

/** A bound value as node-sqlite3-wasm accepts it. */
type Bind = number | bigint | string | Uint8Array | boolean | null
/** A row as node-sqlite3-wasm returns it. */
export type Row = Record<string, number | bigint | string | Uint8Array | null>

/**
 * A SQLite extension written the Flask way: configure with `init_app(app)` (or the constructor),
 * registered as `app.extensions.sqlite`, one connection per app context (opened on first use,
 * kept on `g`, closed by `teardown_appcontext`). Config: `SQLITE_DATABASE` (a file path; default a
 * fresh file under the OS temp directory, so every connection of the app sees the same data) and
 * `SQLITE_SCHEMA` (SQL run once per file, e.g. `CREATE TABLE IF NOT EXISTS ...`).
 *
 * @example
 * const db = new SQLite()
 * db.init_app(app)
 * app.get('/n', () => db.query('select count(*) as n from notes')[0])
 */
export class SQLite {
  /** Database files whose schema has been applied in this process. */
  readonly #ready = new Set<string>()

  constructor(app?: Flask) {
    if (app !== undefined) this.init_app(app)
  }

  /**
   * Registers the extension on `app`: defaults its config (`SQLITE_DATABASE`, `SQLITE_SCHEMA` run
   * once per file before first use), records itself in `app.extensions`, closes on teardown.
   * Per-app settings live in `app.config`, so one extension object can serve several apps.
   */
  init_app(app: Flask): void {
    // a temp file only when none is configured (setdefault would create the folder regardless)
    if (app.config.get('SQLITE_DATABASE') == null) {
      app.config.SQLITE_DATABASE = join(mkdtempSync(join(tmpdir(), 'bustapi-sqlite-')), 'app.sqlite')
    }
    app.config.setdefault('SQLITE_SCHEMA', null)
    app.extensions.sqlite = this
    app.teardown_appcontext(() => this.close())
  }

  /** The current app context's connection, opened (and the schema applied) on first use. */
  get connection(): Database {
    const existing = g.get<Database | undefined>('_sqlite_db')
    if (existing?.isOpen) return existing
    const file = current_app.config.SQLITE_DATABASE as string
    const db = new Database(file)
    db.exec('PRAGMA foreign_keys = ON')
    const schema = current_app.config.SQLITE_SCHEMA
    if (typeof schema === 'string' && !this.#ready.has(file)) {
      db.exec(schema)
      this.#ready.add(file)
    }
    g._sqlite_db = db
    return db
  }

  /** Rows of a query (named `:params` or positional `?`). */
  query(sql: string, params?: Bind[] | Record<string, Bind>): Row[] {
    return this.connection.all(sql, params) as Row[]
  }

  /** The first row of a query, or null. */
  one(sql: string, params?: Bind[] | Record<string, Bind>): Row | null {
    return this.connection.get(sql, params) as Row | null
  }

  /** Runs a statement; returns the new row id and the number of changed rows. */
  execute(sql: string, params?: Bind[] | Record<string, Bind>): { lastrowid: number; rowcount: number } {
    const result = this.connection.run(sql, params)
    return { lastrowid: Number(result.lastInsertRowid), rowcount: result.changes }
  }

  /** Closes this app context's connection (what `teardown_appcontext` calls). */
  close(): void {
    const db = g.pop<Database | undefined>('_sqlite_db', undefined)
    if (db?.isOpen) db.close()
  }
}
