import { randomUUID } from 'node:crypto'
import type { Logger } from '@adonisjs/core/logger'
import type { JobRegistry } from '#core/queue/registry'
import { notifyFailure, runAttempt } from '#core/queue/run_attempt'
import { logContext } from '#core/logging/log_context'
import {
  withDefaults,
  type JobDefinition,
  type DispatchOptions,
  type DispatchedJob,
  type FailureRecorder,
  type QueueDriver,
  type QueueHealth,
} from '#core/queue/types'

/**
 * Runs jobs in this process, after the current request, with the same retries, backoff,
 * timeouts and failure records as the bee-queue driver. The zero-setup development default:
 * no Redis needed. Jobs do not survive a restart, which is why production uses bee.
 */
export class InlineQueueDriver implements QueueDriver {
  readonly driver = 'inline' as const
  #inFlight = new Set<Promise<void>>()
  #active = 0
  #failed = 0
  #closed = false
  /** Jobs of one name waiting for a free slot (a definition's `concurrency`, as with bee). */
  #slots = new Map<string, { running: number; waiting: (() => void)[] }>()

  constructor(
    private registry: JobRegistry,
    private recordFailure: FailureRecorder,
    private logger: Logger
  ) {}

  async dispatch<P>(
    name: string,
    payload: P,
    options: DispatchOptions = {}
  ): Promise<DispatchedJob> {
    if (this.#closed) throw new Error('Queue is closed')
    const definition = this.registry.get(name)
    const id = randomUUID()
    const requestId = logContext.current().request_id
    const run = this.#run(definition.name, id, payload, options.delayMs ?? 0, requestId)
    this.#inFlight.add(run)
    void run.finally(() => this.#inFlight.delete(run))
    return { id, name }
  }

  async #run(name: string, id: string, payload: unknown, delayMs: number, requestId?: string) {
    const definition = this.registry.get(name)
    const { retries, backoffMs, timeoutMs } = withDefaults(definition)
    const maxAttempts = retries + 1
    await sleep(Math.max(delayMs, 0))
    const release = await this.#acquire(name, withDefaults(definition).concurrency)
    try {
      await this.#attempts(
        definition,
        name,
        id,
        payload,
        maxAttempts,
        backoffMs,
        timeoutMs,
        requestId
      )
    } finally {
      release()
    }
  }

  async #acquire(name: string, concurrency: number): Promise<() => void> {
    let slot = this.#slots.get(name)
    if (!slot) this.#slots.set(name, (slot = { running: 0, waiting: [] }))
    const current = slot
    if (current.running >= concurrency) {
      await new Promise<void>((resolve) => current.waiting.push(resolve))
    }
    current.running++
    return () => {
      current.running--
      current.waiting.shift()?.()
    }
  }

  async #attempts(
    definition: JobDefinition,
    name: string,
    id: string,
    payload: unknown,
    maxAttempts: number,
    backoffMs: number,
    timeoutMs: number,
    requestId?: string
  ) {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.#active++
      try {
        await runAttempt(
          definition,
          payload,
          {
            id,
            name,
            attempt,
            maxAttempts,
            logger: this.logger,
            progress: async () => {},
            requestId,
          },
          timeoutMs
        )
        return
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error))
        if (attempt < maxAttempts) {
          const delay = backoffMs * 2 ** (attempt - 1)
          this.logger.warn(
            { job: name, job_id: id, attempt, err },
            `job failed, retrying in ${delay} ms`
          )
          this.#active--
          await sleep(delay)
          this.#active++
          continue
        }
        this.#failed++
        this.logger.error({ job: name, job_id: id, attempt, err }, 'job failed for good')
        await notifyFailure(definition, payload, err, this.logger)
        await this.recordFailure({
          driver: 'inline',
          name,
          jobId: id,
          payload,
          attempts: attempt,
          error: err.message,
          stack: err.stack,
        }).catch((recordError) =>
          this.logger.error({ err: recordError }, 'could not record job failure')
        )
      } finally {
        this.#active--
      }
    }
  }

  /** Resolves when every dispatched job (and what those jobs dispatched) has finished. */
  async drain() {
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight])
  }

  async health(): Promise<QueueHealth> {
    return {
      driver: 'inline',
      ok: !this.#closed,
      counts: { waiting: 0, active: this.#active, delayed: 0, failed: this.#failed },
      workers: 1,
    }
  }

  async close() {
    this.#closed = true
    await this.drain()
  }
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms))
}
