import app from '@adonisjs/core/services/app'
import type { QueueManager } from '#core/queue/queue_manager'

let queue: QueueManager

await app.booted(async () => {
  queue = await app.container.make('duanju.queue')
})

export { queue as default }
