type Task = { fn: (...args: any[]) => unknown; args: unknown[] }

/**
 * FastAPI's `BackgroundTasks`: functions run after the response is produced, in order.
 *
 * @example
 * app.post('/send/{email}', { params: { email: v.string() } }, ({ email }, { background_tasks }) => {
 *   background_tasks.add_task(write_log, `sent to ${email}`)
 *   return { message: 'sent' }
 * })
 */
export class BackgroundTasks {
  readonly tasks: Task[] = []

  /** Queues `fn(...args)`. */
  add_task<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.tasks.push({ fn: fn as Task['fn'], args })
  }

  /** Runs the queued tasks one after another; a failing task stops the rest, as in Starlette. */
  async run(): Promise<void> {
    for (const task of this.tasks) await task.fn(...task.args)
  }
}
