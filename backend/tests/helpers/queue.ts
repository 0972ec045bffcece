import { randomUUID } from 'node:crypto'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import { type JobRegistry } from '#core/queue/registry'
import { BeeQueueDriver } from '#core/queue/bee_driver'
import type { JobFailure } from '#core/queue/types'

/** A bee driver on the test Redis with a namespace of its own, so tests never share jobs. */
export function beeDriver(
  registry: JobRegistry,
  failures: JobFailure[] = [],
  stallIntervalMs = 1000
) {
  const prefix = `${env.get('REDIS_PREFIX', 'duanju:')}t-${randomUUID().slice(0, 8)}`
  const driver = new BeeQueueDriver({
    redisUrl: env.get('REDIS_URL')!,
    prefix,
    registry,
    recordFailure: async (failure) => {
      failures.push(failure)
    },
    logger,
    stallIntervalMs,
  })
  return { driver, prefix }
}
