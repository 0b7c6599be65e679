// workerd / Cloudflare Workers: the app is the module's default export.
// Bundle, then serve with workerd (see workerd.capnp in this folder).
import { createRuntimesApp } from './app.js'

export default createRuntimesApp()
