import {
  APIRouter,
  Body,
  Cookie,
  Depends,
  FastAPI,
  File,
  Form,
  Header,
  HTMLResponse,
  HTTPBasic,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Path,
  PlainTextResponse,
  Query,
  Security,
  uploadFiles,
} from '@bustapi/fastapi-compat'
import * as v from 'valibot'
import { z } from 'zod'

const int = v.pipe(v.number(), v.integer())
const Image = v.pipe(v.object({ url: v.pipe(v.string(), v.url()), name: v.string() }), v.title('Image'))
const Item = v.pipe(
  v.object({
    name: v.pipe(v.string(), v.minLength(1), v.examples(['Foo'])),
    description: v.nullish(v.pipe(v.string(), v.maxLength(300)), null),
    price: v.pipe(v.number(), v.gtValue(0)),
    tax: v.nullish(v.number(), null),
    tags: v.optional(v.array(v.string()), []),
    images: v.nullish(v.array(Image), null),
  }),
  v.title('Item'),
)
const User = z
  .object({ username: z.string(), email: z.email().optional(), full_name: z.string().nullish() })
  .meta({ title: 'User' })
const Message = v.pipe(v.object({ message: v.string() }), v.title('Message'))

/** Every kind of parameter, body and response the layer documents, in one app. */
export function kitchenSink(): FastAPI {
  const app = new FastAPI({
    title: 'Kitchen sink',
    version: '2.0.0',
    description: 'Every **feature** at once.',
    summary: 'All of it',
    terms_of_service: 'http://example.com/terms/',
    contact: {
      name: 'Deadpoolio',
      url: 'http://x-force.example.com/contact/',
      email: 'dp@x-force.example.com',
    },
    license_info: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    openapi_tags: [
      { name: 'items', description: 'Manage items.' },
      { name: 'users', description: 'Operations with users.', externalDocs: { url: 'https://example.com/' } },
    ],
  })
  const oauth2 = new OAuth2PasswordBearer({
    tokenUrl: 'token',
    scopes: { me: 'Read yourself', items: 'Read items' },
  })
  const basic = new HTTPBasic()
  const items = new APIRouter({
    prefix: '/items',
    tags: ['items'],
    responses: { 404: { description: 'Not found' } },
  })
  items.get(
    '/',
    {
      params: {
        q: Query(v.nullish(v.pipe(v.string(), v.minLength(3), v.maxLength(50))), {
          alias: 'item-query',
          description: 'Search text',
          deprecated: true,
        }),
        skip: Query(v.optional(int, 0)),
        tag: Query(v.optional(v.array(v.string()))),
        hidden: Query(v.nullish(v.string()), { include_in_schema: false }),
      },
      response_model: v.array(Item),
      summary: 'List items',
      description: 'All items, paged.',
    },
    function read_items() {
      return []
    },
  )
  items.get(
    '/{item_id}',
    {
      params: {
        item_id: Path(int, { title: 'The ID', examples: [1] }),
        user_agent: Header(v.nullish(v.string())),
        session: Cookie(v.nullish(v.string())),
      },
      response_model: Item,
      responses: {
        200: { content: { 'image/png': {} }, description: 'The item or its image' },
        418: { model: Message },
      },
    },
    function read_item() {
      return { name: 'x', price: 1 }
    },
  )
  items.post(
    '/',
    {
      params: { item: Item, user: User, importance: Body(v.pipe(int, v.gtValue(0))) },
      status_code: 201,
      deprecated: true,
    },
    function create_item({ item }) {
      return item
    },
  )
  items.put(
    '/{item_id}',
    { params: { item_id: int, item: Body(Item, { embed: true }) }, response_model_exclude_unset: true },
    function update_item({ item }) {
      return item
    },
  )
  items.delete('/{item_id}', { params: { item_id: int }, status_code: 204 }, function delete_item() {
    return null
  })
  app.include_router(items)
  app.post('/token', { params: { form: Depends(OAuth2PasswordRequestForm) } }, function login({ form }) {
    return { access_token: form.username, token_type: 'bearer' }
  })
  app.get(
    '/users/me',
    { params: { token: Security(oauth2, { scopes: ['me'] }) }, tags: ['users'], response_model: User },
    function read_me() {
      return { username: 'me' }
    },
  )
  app.get('/admin', { params: { credentials: Depends(basic) }, tags: ['users'] }, function admin() {
    return 'ok'
  })
  app.post(
    '/files/',
    {
      params: {
        files: File(uploadFiles, { description: 'Many files' }),
        token: Form(v.string()),
        note: Form(v.optional(v.string())),
      },
    },
    function create_files({ files }) {
      return { count: files.length }
    },
  )
  app.post(
    '/login/',
    { params: { username: Form(v.string()), password: Form(v.string()) } },
    function form_login({ username }) {
      return { username }
    },
  )
  app.get('/page', { response_class: HTMLResponse }, function page() {
    return '<h1>Hi</h1>'
  })
  app.get('/text', { response_class: PlainTextResponse, operation_id: 'get_plain_text' }, function text() {
    return 'hi'
  })
  app.get(
    '/files/{file_path:path}',
    { params: { file_path: v.string() } },
    function read_file({ file_path }) {
      return { file_path }
    },
  )
  app.get('/hidden', { include_in_schema: false }, function hidden() {
    return {}
  })
  return app
}

/** `root_path` behind a proxy plus explicit `servers`. */
export function behindProxy(): FastAPI {
  const app = new FastAPI({
    root_path: '/api/v1',
    servers: [
      { url: 'https://stag.example.com', description: 'Staging environment' },
      { url: 'https://prod.example.com', description: 'Production environment' },
    ],
  })
  app.get('/app', function read_main() {
    return { message: 'Hello World' }
  })
  return app
}

/** The smallest app: one path parameter. */
export function minimal(): FastAPI {
  const app = new FastAPI()
  app.get('/items/{item_id}', { params: { item_id: int } }, function read_item({ item_id }) {
    return { item_id }
  })
  return app
}
