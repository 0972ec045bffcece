import os from 'node:os'
import BeeQueue from 'bee-queue'
import type { Logger } from '@adonisjs/core/logger'
import type { JobRegistry } from '#core/queue/registry'
import { notifyFailure, runAttempt } from '#core/queue/run_attempt'
import { logContext } from '#core/logging/log_context'
import {
  withDefaults,
  type DispatchOptions,
  type DispatchedJob,
  type FailureRecorder,
  type QueueDriver,
  type QueueHealth,
} from '#core/queue/types'

interface Envelope {
  payload: unknown
  requestId?: string
  /** Retries granted at dispatch; bee-queue counts job.options.retries down as it retries. */
  retries: number
}

export interface BeeDriverOptions {
  redisUrl: string
  /** Namespaces every key, so several apps (or test runs) can share one Redis. */
  prefix: string
  registry: JobRegistry
  recordFailure: FailureRecorder
  logger: Logger
  /** How long a worker may hold a job without renewing its lock before the job counts as stalled. */
  stallIntervalMs?: number
}

const HEARTBEAT_MS = 10_000

/**
 * bee-queue over Redis: one bee queue per job name. Producers (the web process) only enqueue;
 * `work()` turns this process into a worker that runs the handlers, re-queues stalled jobs
 * (a worker that died mid-job) and records final failures.
 */
export class BeeQueueDriver implements QueueDriver {
  readonly driver = 'bee' as const
  #producers = new Map<string, BeeQueue<Envelope>>()
  #workers = new Map<string, BeeQueue<Envelope>>()
  #heartbeat?: NodeJS.Timeout
  readonly workerId = `${os.hostname()}:${process.pid}`

  constructor(private options: BeeDriverOptions) {}

  #settings(isWorker: boolean): BeeQueue.QueueSettings {
    return {
      prefix: this.options.prefix,
      redis: { url: this.options.redisUrl } as BeeQueue.QueueSettings['redis'],
      isWorker,
      getEvents: false,
      sendEvents: false,
      activateDelayedJobs: isWorker,
      removeOnSuccess: true,
      removeOnFailure: true,
      stallInterval: this.options.stallIntervalMs ?? 5000,
    }
  }

  #producer(name: string) {
    let queue = this.#producers.get(name)
    if (!queue) {
      queue = new BeeQueue<Envelope>(name, this.#settings(false))
      queue.on('error', (err) =>
        this.options.logger.error({ err, queue: name }, 'bee-queue producer error')
      )
      this.#producers.set(name, queue)
    }
    return queue
  }

  async dispatch<P>(
    name: string,
    payload: P,
    options: DispatchOptions = {}
  ): Promise<DispatchedJob> {
    const definition = this.options.registry.get(name)
    const { retries, backoffMs } = withDefaults(definition)
    const requestId = logContext.current().request_id
    const job = this.#producer(name)
      .createJob({ payload, retries, ...(requestId ? { requestId } : {}) })
      .retries(retries)
      .backoff('exponential', backoffMs)
    if (options.delayMs && options.delayMs > 0) job.delayUntil(Date.now() + options.delayMs)
    const saved = await job.save()
    return { id: String(saved.id), name }
  }

  /** Starts processing the given jobs (all registered ones by default) in this process. */
  async work(names: string[] = this.options.registry.all().map((job) => job.name)) {
    for (const name of names) {
      if (this.#workers.has(name)) continue
      const definition = this.options.registry.get(name)
      const { concurrency, timeoutMs } = withDefaults(definition)
      const queue = new BeeQueue<Envelope>(name, this.#settings(true))
      queue.on('error', (err) =>
        this.options.logger.error({ err, queue: name }, 'bee-queue worker error')
      )
      queue.on('retrying', (job, err) =>
        this.options.logger.warn({ err, job: name, job_id: job.id }, 'job failed, will retry')
      )
      // bee-queue emits 'failed' for every failed attempt; 'failed:fatal' only once attempts run out.
      ;(queue as unknown as NodeJS.EventEmitter).on(
        'failed:fatal',
        (job: BeeQueue.Job<Envelope>, err: Error) => {
          const attempts = job.data.retries + 1
          this.options.logger.error(
            { err, job: name, job_id: job.id, attempts },
            'job failed for good'
          )
          void notifyFailure(definition, job.data.payload, err, this.options.logger)
          this.options
            .recordFailure({
              driver: 'bee',
              name,
              jobId: String(job.id),
              payload: job.data.payload,
              attempts,
              error: err.message,
              stack: err.stack,
            })
            .catch((recordError) =>
              this.options.logger.error({ err: recordError }, 'could not record job failure')
            )
        }
      )
      queue.process(concurrency, async (job) => {
        const remaining = Number(job.options.retries ?? 0)
        const maxAttempts = job.data.retries + 1
        return runAttempt(
          definition,
          job.data.payload,
          {
            id: String(job.id),
            name,
            attempt: job.data.retries - remaining + 1,
            maxAttempts,
            logger: this.options.logger,
            requestId: job.data.requestId,
            progress: async (percent) => {
              job.reportProgress(Math.max(0, Math.min(100, Math.round(percent))))
            },
          },
          timeoutMs
        )
      })
      // Jobs whose worker died keep their "active" entry; re-queue them once their lock lapses.
      await queue.checkStalledJobs(this.options.stallIntervalMs ?? 5000)
      this.#workers.set(name, queue)
    }
    await this.#beat()
    this.#heartbeat ??= setInterval(() => void this.#beat(), HEARTBEAT_MS)
    this.#heartbeat.unref()
  }

  #client(): any {
    const any =
      this.#workers.values().next().value ??
      this.#producer(this.options.registry.all()[0]?.name ?? 'health')
    return (any as unknown as { client: any }).client
  }

  async #beat() {
    const client = this.#client()
    await new Promise<void>((resolve) =>
      client.zadd(`${this.options.prefix}:workers`, Date.now(), this.workerId, () => resolve())
    )
  }

  async health(): Promise<QueueHealth> {
    const names = this.options.registry.all().map((job) => job.name)
    try {
      const counts = { waiting: 0, active: 0, delayed: 0, failed: 0 }
      for (const name of names) {
        const result = await withTimeout(this.#producer(name).checkHealth(), 2000)
        counts.waiting += result.waiting
        counts.active += result.active
        counts.delayed += result.delayed
        counts.failed += result.failed
      }
      const client = this.#client()
      const workers = await withTimeout(
        new Promise<number>((resolve, reject) =>
          client.zcount(
            `${this.options.prefix}:workers`,
            Date.now() - 3 * HEARTBEAT_MS,
            '+inf',
            (err: Error | null, n: number) => (err ? reject(err) : resolve(n))
          )
        ),
        2000
      )
      return { driver: 'bee', ok: true, counts, workers }
    } catch (error) {
      return { driver: 'bee', ok: false, message: (error as Error).message }
    }
  }

  async close() {
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    if (this.#workers.size) {
      const client = this.#client()
      await new Promise<void>((resolve) =>
        client.zrem(`${this.options.prefix}:workers`, this.workerId, () => resolve())
      )
    }
    const queues = [...this.#workers.values(), ...this.#producers.values()]
    this.#workers.clear()
    this.#producers.clear()
    await Promise.all(queues.map((queue) => queue.close(10_000).catch(() => {})))
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
    }),
  ])
}
