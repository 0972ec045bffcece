import env from '#start/env'

export default {
  driver: env.get('QUEUE_DRIVER'),
  redisUrl: env.get('REDIS_URL'),
  /** bee-queue key namespace; test runs use their own so they never see each other's jobs. */
  prefix: `${env.get('REDIS_PREFIX', 'duanju:')}bq`,
  stallIntervalMs: 5000,
  /**
   * Periodic jobs run in the worker (bee) or in the web process (inline). Several workers are
   * fine: a Redis lock lets one of them run each tick.
   */
  schedulerEnabled: env.get('SCHEDULER_ENABLED', true),
}
