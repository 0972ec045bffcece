import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** The worker process: runs bee-queue jobs and the periodic scheduler until stopped. */
export default class QueueWork extends BaseCommand {
  static override commandName = 'queue:work'
  static override description = 'Run background jobs (bee-queue) and the scheduler'
  static override options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'Only these job names (default: all registered jobs)' })
  declare only?: string[]

  @flags.boolean({
    description: 'Do not run the periodic scheduler in this process',
    default: false,
  })
  declare noScheduler: boolean

  override async run() {
    const { default: queue } = await import('#core/services/queue')
    await queue.startWorker(this.only?.length ? this.only : undefined)
    if (!this.noScheduler) queue.startScheduler()
    this.logger.info(`worker ${process.pid} processing jobs`)
    const stop = async () => {
      this.logger.info('worker stopping: finishing active jobs')
      await this.terminate()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
}
