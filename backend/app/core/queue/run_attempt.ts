import type { Logger } from '@adonisjs/core/logger'
import { logContext } from '#core/logging/log_context'
import { JobTimeoutError, type JobContext, type JobDefinition } from '#core/queue/types'

/**
 * Runs one attempt of a job with its timeout, inside a log context carrying the job id,
 * so both drivers execute handlers the same way.
 */
export async function runAttempt(
  definition: JobDefinition,
  payload: unknown,
  context: Omit<JobContext, 'logger' | 'signal'> & { logger: Logger; requestId?: string },
  timeoutMs: number
): Promise<unknown> {
  // job and job_id come from the log context (logger mixin); the child adds the attempt.
  const logger = context.logger.child({ attempt: context.attempt })
  const controller = new AbortController()
  const ctx: JobContext = { ...context, logger, signal: controller.signal }
  return logContext.run(
    {
      job: definition.name,
      job_id: context.id,
      ...(context.requestId ? { request_id: context.requestId } : {}),
    },
    async () => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new JobTimeoutError(definition.name, timeoutMs)
          controller.abort(error)
          reject(error)
        }, timeoutMs)
      })
      try {
        return await Promise.race([definition.handle(payload, ctx), timeout])
      } finally {
        clearTimeout(timer)
      }
    }
  )
}

/** Runs a definition's `onFailure` once its last attempt failed; its own errors are logged only. */
export async function notifyFailure(
  definition: JobDefinition,
  payload: unknown,
  error: Error,
  logger: Logger
) {
  if (!definition.onFailure) return
  try {
    await definition.onFailure(payload, error)
  } catch (hookError) {
    logger.error({ err: hookError, job: definition.name }, 'job failure hook failed')
  }
}
