import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { httpTarget } from '../targets.js'
import type { RunningTarget } from '../types.js'

/** The repository root (where node_modules/.bin lives). */
export const ROOT = resolve(import.meta.dirname, '../../..')

/**
 * A runtime binary from node_modules/.bin that really runs, or why it cannot be used (so the
 * runtime's file is skipped with that reason instead of failing).
 *
 * @example
 * const bun = findBinary('bun', ['--version'])
 */
export function findBinary(name: string, probe: string[], path = join(ROOT, 'node_modules/.bin', name)) {
  if (!existsSync(path)) return { path, missing: `${name} is not installed (${path} not found)` }
  const result = spawnSync(path, probe, { encoding: 'utf8', timeout: 20_000 })
  if (result.status !== 0) {
    return {
      path,
      missing: `${name} does not run here: ${(result.stderr || String(result.error)).trim().slice(0, 200)}`,
    }
  }
  return { path, missing: undefined, version: result.stdout.trim().split('\n')[0] }
}

/** A free loopback port, for runtimes that cannot report the port they picked. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolvePort(port))
    })
  })
}

/**
 * Starts a server process and waits until it serves: it either prints `LISTENING <url>` or, when
 * `url` is given, answers `GET /alive`. The process is killed by its PID on close.
 *
 * @example
 * const target = await startChild('bun', bunPath, ['entries/bun.ts'])
 */
export async function startChild(
  name: string,
  command: string,
  args: string[],
  options: { url?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningTarget> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let url = options.url
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
      if (Date.now() > deadline) throw new Error(`${name} did not start in time`)
      url ??= /LISTENING (\S+)/.exec(output)?.[1]
      if (url !== undefined && (await answers(url))) break
      await new Promise((r) => setTimeout(r, 50))
    }
  } catch (error) {
    await stop(child)
    throw new Error(`${(error as Error).message}. Its output:\n${output.slice(-2000)}`)
  }
  return httpTarget(name, url, () => stop(child))
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/alive', url), { signal: AbortSignal.timeout(1_000) })
    await res.arrayBuffer()
    return res.ok
  } catch {
    return false
  }
}

/** SIGTERM, then SIGKILL if the process is still there after 3 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolveStop()
    })
    child.kill('SIGTERM')
  })
}
