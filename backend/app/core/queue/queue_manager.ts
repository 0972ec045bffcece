import type { Logger } from '@adonisjs/core/logger'
import type { JobRegistry } from '#core/queue/registry'
import { InlineQueueDriver } from '#core/queue/inline_driver'
import { BeeQueueDriver } from '#core/queue/bee_driver'
import { MemoryTickLock, RedisTickLock, Scheduler, type RedisLike } from '#core/queue/scheduler'
import type { DispatchOptions, FailureRecorder, QueueDriver } from '#core/queue/types'

export interface QueueConfig {
  driver: 'inline' | 'bee'
  redisUrl?: string
  prefix: string
  stallIntervalMs: number
  schedulerEnabled: boolean
}

/**
 * The app's one entry to background work: `dispatch` from anywhere, `startWorker` in the worker
 * process (`node ace queue:work`), `startScheduler` wherever periodic jobs should fire.
 */
export class QueueManager {
  readonly driver: QueueDriver
  #scheduler?: Scheduler

  constructor(
    private config: QueueConfig,
    private registry: JobRegistry,
    recordFailure: FailureRecorder,
    private logger: Logger,
    private redis?: () => RedisLike
  ) {
    this.driver =
      config.driver === 'bee'
        ? new BeeQueueDriver({
            redisUrl: config.redisUrl!,
            prefix: config.prefix,
            registry,
            recordFailure,
            logger,
            stallIntervalMs: config.stallIntervalMs,
          })
        : new InlineQueueDriver(registry, recordFailure, logger)
  }

  dispatch<P>(name: string, payload: P, options?: DispatchOptions) {
    return this.driver.dispatch(name, payload, options)
  }

  health() {
    return this.driver.health()
  }

  async startWorker(names?: string[]) {
    if (!(this.driver instanceof BeeQueueDriver)) {
      throw new Error(
        'The worker runs bee-queue jobs; with QUEUE_DRIVER=inline jobs run inside the web process'
      )
    }
    await this.driver.work(names)
  }

  startScheduler() {
    if (this.#scheduler || !this.config.schedulerEnabled) return
    const lock =
      this.config.driver === 'bee' && this.redis
        ? new RedisTickLock(this.redis(), `${process.pid}`)
        : new MemoryTickLock()
    this.#scheduler = new Scheduler(
      this.registry.schedules(),
      lock,
      (job, payload) => this.dispatch(job, payload),
      this.logger
    )
    this.#scheduler.start()
    this.logger.info(
      { schedules: this.registry.schedules().map((s) => s.name) },
      'scheduler started'
    )
  }

  /** Inline driver only: wait for dispatched jobs to finish (tests, graceful shutdown). */
  async drain() {
    if (this.driver instanceof InlineQueueDriver) await this.driver.drain()
  }

  async close() {
    this.#scheduler?.stop()
    await this.driver.close()
  }
}
