import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'
import { parseRedisUrl } from '#core/config/redis_url'

/**
 * Server-sent events (transcoding progress, danmu). With Redis, events published by the worker
 * reach clients connected to any web process.
 */
const redisUrl = env.get('REDIS_URL')

export default defineConfig({
  pingInterval: '30s',
  transport: redisUrl
    ? {
        driver: redis({
          ...parseRedisUrl(redisUrl),
          keyPrefix: `${env.get('REDIS_PREFIX', 'duanju:')}transmit:`,
        }),
      }
    : null,
})
