import {
  APIRouter,
  Depends,
  dependency,
  FastAPI,
  HTTPException,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Path,
  Query,
} from '@bustapi/fastapi-compat'
import * as v from 'valibot'
import { hashPassword, TokenSigner, verifyPassword } from './auth.js'
import { openStore, Session } from './db.js'
import { Item, ItemCreate, ItemUpdate, Message, Token, User } from './models.js'

/** Options of the example FastAPI-style API. */
export interface ExampleOptions {
  /** SQLite file; in memory by default. */
  database?: string
  /** HMAC secret of the access tokens; random per process by default. */
  secret?: string
  /** Users created at startup (username → password); `alice`/`wonderland` by default. */
  users?: Record<string, string>
  /** The prefix this app is mounted under (e.g. `/fastapi`), so `/docs` finds `/openapi.json`. */
  root_path?: string
}

type Row = {
  id: number
  name: string
  description: string | null
  price: number
  tax: number | null
  owner: string
}
type UserRow = { username: string; full_name: string | null; disabled: number; password_hash: string }

const itemId = Path(v.pipe(v.number(), v.integer(), v.minValue(1)), { title: 'The ID of the item' })
const notFound = { 404: { model: Message, description: 'Item not found' } }

/**
 * The example API: items CRUD on SQLite, OAuth2 password login with signed bearer tokens,
 * routers with prefixes and tags, and the interactive docs at `/docs`.
 *
 * @example
 * const app = createApp({ users: { bob: 'builder' } })
 * await serve(app, { port: 8000 })
 */
export function createApp(options: ExampleOptions = {}): FastAPI {
  const store = openStore(options.database)
  const signer = new TokenSigner(options.secret ?? crypto.randomUUID())
  const seedUsers = options.users ?? { alice: 'wonderland' }

  const app = new FastAPI({
    title: 'BustAPI example shop',
    ...(options.root_path ? { root_path: options.root_path } : {}),
    version: '1.0.0',
    description: 'Items with owners, behind OAuth2 password login.',
    openapi_tags: [
      { name: 'auth', description: 'Log in and see who you are.' },
      { name: 'items', description: 'Create, read, update and delete items.' },
    ],
    lifespan: async function* () {
      for (const [username, password] of Object.entries(seedUsers)) {
        store.db.run('INSERT OR IGNORE INTO users (username, password_hash) VALUES (?, ?)', [
          username,
          await hashPassword(password),
        ])
      }
      yield
      store.close()
    },
  })

  /** One transaction per request: committed after the handler, rolled back if it throws. */
  async function* get_db() {
    const session = new Session(store.db)
    try {
      yield session
      session.commit()
    } catch (error) {
      session.rollback()
      throw error
    }
  }

  const oauth2_scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })

  const get_current_user = dependency(
    { token: Depends(oauth2_scheme), db: Depends(get_db) },
    async function get_current_user({ token, db }): Promise<User> {
      const invalid = new HTTPException(401, 'Could not validate credentials', {
        'WWW-Authenticate': 'Bearer',
      })
      const username = await signer.verify(token)
      if (username === undefined) throw invalid
      const row = db.get<UserRow>('SELECT * FROM users WHERE username = ?', [username])
      if (!row) throw invalid
      if (row.disabled) throw new HTTPException(400, 'Inactive user')
      return { username: row.username, full_name: row.full_name, disabled: row.disabled === 1 }
    },
  )

  app.post(
    '/token',
    {
      params: { form_data: Depends(OAuth2PasswordRequestForm), db: Depends(get_db) },
      response_model: Token,
      tags: ['auth'],
    },
    async function login({ form_data, db }) {
      const row = db.get<UserRow>('SELECT * FROM users WHERE username = ?', [form_data.username])
      if (!row || !(await verifyPassword(form_data.password, row.password_hash)))
        throw new HTTPException(400, 'Incorrect username or password')
      return { access_token: await signer.sign(row.username), token_type: 'bearer' }
    },
  )

  const users = new APIRouter({ prefix: '/users', tags: ['auth'] })
  users.get(
    '/me',
    { params: { user: Depends(get_current_user) }, response_model: User },
    function read_users_me({ user }) {
      return user
    },
  )

  const items = new APIRouter({
    prefix: '/items',
    tags: ['items'],
    dependencies: [Depends(get_current_user)],
    responses: { 401: { model: Message, description: 'Not authenticated' } },
  })
  items.get(
    '/',
    {
      params: {
        db: Depends(get_db),
        skip: Query(v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0)),
        limit: Query(v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20)),
        q: Query(v.nullish(v.pipe(v.string(), v.maxLength(50))), {
          description: 'Only names containing this',
        }),
      },
      response_model: v.array(Item),
    },
    function read_items({ db, skip, limit, q }) {
      return q
        ? db.all<Row>('SELECT * FROM items WHERE name LIKE ? ORDER BY id LIMIT ? OFFSET ?', [
            `%${q}%`,
            limit,
            skip,
          ])
        : db.all<Row>('SELECT * FROM items ORDER BY id LIMIT ? OFFSET ?', [limit, skip])
    },
  )
  items.post(
    '/',
    {
      params: { item: ItemCreate, db: Depends(get_db), user: Depends(get_current_user) },
      response_model: Item,
      status_code: 201,
    },
    function create_item({ item, db, user }) {
      const { lastInsertRowid } = db.run(
        'INSERT INTO items (name, description, price, tax, owner) VALUES (?, ?, ?, ?, ?)',
        [item.name, item.description, item.price, item.tax, user.username],
      )
      return db.get<Row>('SELECT * FROM items WHERE id = ?', [lastInsertRowid])
    },
  )
  items.get(
    '/{item_id}',
    { params: { item_id: itemId, db: Depends(get_db) }, response_model: Item, responses: notFound },
    function read_item({ item_id, db }) {
      const row = db.get<Row>('SELECT * FROM items WHERE id = ?', [item_id])
      if (!row) throw new HTTPException(404, 'Item not found')
      return row
    },
  )
  items.patch(
    '/{item_id}',
    {
      params: { item_id: itemId, patch: ItemUpdate, db: Depends(get_db), user: Depends(get_current_user) },
      response_model: Item,
      responses: notFound,
    },
    function update_item({ item_id, patch, db, user }) {
      const row = db.get<Row>('SELECT * FROM items WHERE id = ?', [item_id])
      if (!row) throw new HTTPException(404, 'Item not found')
      if (row.owner !== user.username) throw new HTTPException(403, 'Not your item')
      const next = { ...row, ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) }
      db.run('UPDATE items SET name = ?, description = ?, price = ?, tax = ? WHERE id = ?', [
        next.name,
        next.description,
        next.price,
        next.tax,
        item_id,
      ])
      return next
    },
  )
  items.delete(
    '/{item_id}',
    {
      params: { item_id: itemId, db: Depends(get_db), user: Depends(get_current_user) },
      status_code: 204,
      responses: notFound,
    },
    function delete_item({ item_id, db, user }) {
      const row = db.get<Row>('SELECT owner FROM items WHERE id = ?', [item_id])
      if (!row) throw new HTTPException(404, 'Item not found')
      if (row.owner !== user.username) throw new HTTPException(403, 'Not your item')
      db.run('DELETE FROM items WHERE id = ?', [item_id])
      return null
    },
  )

  app.include_router(users)
  app.include_router(items)
  return app
}

/** The example API with its defaults (in-memory database, user `alice` / `wonderland`). */
const app: FastAPI = createApp()
export default app
