// A server child of the HTTP benchmark: serves one target on a random loopback port, prints its
// URL on stdout, and closes when the parent sends SIGTERM or goes away.
import { loadTarget } from './targets/index.js'

const name = process.argv[2]
if (name === undefined) throw new Error('usage: server.ts <target>')
const server = await (await loadTarget(name)).serve()
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)

const stop = () => {
  void server.close().finally(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()
