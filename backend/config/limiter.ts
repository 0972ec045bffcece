import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/** Redis when REDIS_URL is set (production, tests); memory for the zero-setup development mode. */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE') ?? (env.get('REDIS_URL') ? 'redis' : 'memory'),
  stores: {
    redis: stores.redis({ connectionName: 'main' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
