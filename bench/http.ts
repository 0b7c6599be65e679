import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type autocannon from 'autocannon'
import type { Endpoint } from './endpoints.js'

/** Options of one loopback load run. */
export interface LoadOptions {
  seconds: number
  connections: number
}

/** A target's server in a child process of its own, so the load generator does not share its core. */
export interface ServerChild {
  readonly url: string
  stop(): Promise<void>
}

// Run from the compiled bench (`npm run bench`), children run compiled code too; from sources, tsx.
const compiled = import.meta.url.endsWith('.js')
const serverScript = fileURLToPath(new URL(compiled ? './server.js' : './server.ts', import.meta.url))
const nodeArgs = compiled ? [serverScript] : ['--import', 'tsx', '--conditions=@bustapi/source', serverScript]

export async function startServer(target: string): Promise<ServerChild> {
  const child = spawn(process.execPath, [...nodeArgs, target], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  const url = await readUrl(child, target)
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function readUrl(child: ChildProcess, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${target}: server did not start within 30 s`))
    }, 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const line = buffered.split('\n')[0]
      if (buffered.includes('\n') && line !== undefined) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${target}: server exited with ${code} before listening`))
    })
  })
}

const loadScript = fileURLToPath(new URL(compiled ? './load.js' : './load.ts', import.meta.url))
const loadArgs = compiled ? [loadScript] : ['--import', 'tsx', loadScript]

/**
 * Requests per second over loopback for one endpoint; every answer must have the expected status.
 * autocannon runs in a process of its own: this process holds every in-process target and
 * tinybench's samples, whose garbage collection would otherwise slow the load it generates.
 */
export async function measureHttp(url: string, endpoint: Endpoint, options: LoadOptions): Promise<number> {
  const request: autocannon.Options = {
    url: url + endpoint.path,
    method: endpoint.method,
    connections: options.connections,
    duration: options.seconds,
    ...(endpoint.body === undefined
      ? {}
      : { body: endpoint.body, headers: { 'content-type': 'application/json' } }),
  }
  const child = spawn(process.execPath, [...loadArgs, JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`${url}${endpoint.path}: the load generator exited with ${code}`)
  const result = JSON.parse(output) as autocannon.Result
  const expected = result.statusCodeStats?.[`${endpoint.status}`]?.count ?? 0
  if (result.errors > 0 || result.non2xx > 0 || expected === 0) {
    const codes = JSON.stringify(result.statusCodeStats)
    throw new Error(`${url}${endpoint.path}: ${result.errors} errors, status codes ${codes}`)
  }
  return result.requests.average
}
