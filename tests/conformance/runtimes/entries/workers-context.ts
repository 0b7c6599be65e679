// A Worker whose every request runs in the request context, to see what a missing flag does.
import { App, getContext } from '@bustapi/core'

const app = new App({ context: true })
app.get('/who', (c) => {
  getContext().state.who = c.req.query('name') ?? 'nobody'
  return c.text(`hello ${String(getContext().state.who)}`)
})

export default app
