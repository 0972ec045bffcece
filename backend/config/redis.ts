import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import { parseRedisUrl } from '#core/config/redis_url'

/**
 * Redis is optional in development (REDIS_URL unset: inline queue, memory limiter) and required
 * in production. The connection is lazy, so an unset URL never opens a socket.
 */
const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...parseRedisUrl(env.get('REDIS_URL') || 'redis://127.0.0.1:6379'),
      keyPrefix: env.get('REDIS_PREFIX', 'duanju:'),
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      retryStrategy(times: number) {
        return times > 10 ? null : Math.min(times * 200, 2000)
      },
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
