import type { ApplicationService } from '@adonisjs/core/types'
import { QueueManager, type QueueConfig } from '#core/queue/queue_manager'
import { jobs } from '#core/queue/registry'
import { createStorage, type StorageConfig } from '#core/storage/storage_factory'
import type { StorageDriver } from '#core/storage/types'
import type { SmsProvider } from '#core/sms/types'
import type { TencentSmsConfig } from '#core/sms/tencent_provider'
import { recordFailedJob } from '#core/queue/failed_jobs'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'duanju.queue': QueueManager
    'duanju.storage': StorageDriver
    'duanju.sms': SmsProvider
  }
}

/** Binds the queue and storage adapters picked by the environment (QUEUE_DRIVER, STORAGE_DRIVER). */
export default class CoreProvider {
  #queue?: QueueManager

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('duanju.queue', async (resolver) => {
      const logger = await resolver.make('logger')
      const config = this.app.config.get<QueueConfig>('queue')
      const redisManager = config.redisUrl ? await resolver.make('redis') : undefined
      const redis = redisManager?.connection('main')
      this.#queue = new QueueManager(
        config,
        jobs,
        recordFailedJob,
        logger,
        redis ? () => redis as any : undefined
      )
      return this.#queue
    })

    this.app.container.singleton('duanju.sms', async (resolver) => {
      const config = this.app.config.get<{ driver: 'tencent' | 'log'; tencent: TencentSmsConfig }>(
        'sms'
      )
      if (config.driver === 'tencent') {
        const { TencentSmsProvider } = await import('#core/sms/tencent_provider')
        return new TencentSmsProvider(config.tencent)
      }
      const { LogSmsProvider } = await import('#core/sms/log_provider')
      return new LogSmsProvider(await resolver.make('logger'))
    })

    this.app.container.singleton('duanju.storage', async () => {
      return createStorage(this.app.config.get<StorageConfig>('storage'))
    })
  }

  /**
   * With QUEUE_DRIVER=inline (development) jobs run in the web process, so periodic ones are
   * scheduled there too. With bee, `node ace queue:work` runs the scheduler.
   */
  async ready() {
    if (this.app.getEnvironment() !== 'web' || this.app.inTest) return
    const queue = await this.app.container.make('duanju.queue')
    if (queue.driver.driver === 'inline') queue.startScheduler()
  }

  async shutdown() {
    await this.#queue?.close()
  }
}
