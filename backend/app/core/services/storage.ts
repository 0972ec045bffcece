import app from '@adonisjs/core/services/app'
import type { StorageDriver } from '#core/storage/types'

let storage: StorageDriver

await app.booted(async () => {
  storage = await app.container.make('duanju.storage')
})

export { storage as default }
