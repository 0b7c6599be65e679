/**
 * Calls `stop` on SIGTERM/SIGINT (unless `handleSignals` is false) or when `signal` aborts; returns
 * the function that detaches the listeners.
 *
 * @example
 * const detach = onShutdownSignal(() => void close(), { signal })
 */
export function onShutdownSignal(
  stop: () => void,
  options: { signal?: AbortSignal; handleSignals?: boolean },
): () => void {
  const names = options.handleSignals === false ? [] : (['SIGTERM', 'SIGINT'] as const)
  for (const name of names) process.on(name, stop)
  options.signal?.addEventListener('abort', stop, { once: true })
  if (options.signal?.aborted) queueMicrotask(stop)
  return () => {
    for (const name of names) process.off(name, stop)
    options.signal?.removeEventListener('abort', stop)
  }
}
