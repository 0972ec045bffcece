import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Correlation fields stamped on every log line written while a request or a job runs,
 * whichever logger wrote it (ctx.logger, the app logger, a service's logger).
 */
export interface LogContext {
  request_id?: string
  job_id?: string
  job?: string
}

const storage = new AsyncLocalStorage<LogContext>()

export const logContext = {
  run<T>(context: LogContext, fn: () => T): T {
    return storage.run({ ...storage.getStore(), ...context }, fn)
  },
  current(): LogContext {
    return storage.getStore() ?? {}
  },
}
