import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { MemoryTickLock, RedisTickLock, Scheduler, type Schedule } from '#core/queue/scheduler'

test.group('Scheduler', () => {
  test('several processes: each tick of a schedule runs exactly once', async ({ assert }) => {
    const name = `rankings-${randomUUID()}`
    const schedules: Schedule[] = [{ name, everyMs: 60_000, job: 'catalog.compute_rankings' }]
    const dispatched: { by: number; job: string }[] = []
    const schedulers = [0, 1, 2].map(
      (i) =>
        new Scheduler(
          schedules,
          new RedisTickLock(redis.connection('main') as any, `proc-${i}`),
          async (job) => void dispatched.push({ by: i, job }),
          logger
        )
    )
    const t0 = 1_900_000_020_000 // inside one 60 s slot
    await Promise.all(schedulers.map((s) => s.tick(t0)))
    await Promise.all(schedulers.map((s) => s.tick(t0 + 10_000))) // same slot: nobody runs again
    assert.lengthOf(dispatched, 1)
    await Promise.all(schedulers.map((s) => s.tick(t0 + 60_000))) // next slot: exactly one more
    assert.lengthOf(dispatched, 2)
    assert.deepEqual([...new Set(dispatched.map((d) => d.job))], ['catalog.compute_rankings'])
  })

  test('a restarted scheduler does not re-run the slot that already ran', async ({ assert }) => {
    const name = `prune-${randomUUID()}`
    const lock = new RedisTickLock(redis.connection('main') as any, 'a')
    const runs: string[] = []
    const schedules = [{ name, everyMs: 3_600_000, job: 'core.prune_failed_jobs' }]
    const before = new Scheduler(schedules, lock, async (job) => void runs.push(job), logger)
    const t = 1_900_000_000_000
    assert.deepEqual(await before.tick(t), [name])
    const restarted = new Scheduler(
      schedules,
      new RedisTickLock(redis.connection('main') as any, 'b'),
      async (job) => void runs.push(job),
      logger
    )
    assert.deepEqual(await restarted.tick(t + 1000), [])
    assert.lengthOf(runs, 1)
  })

  test('the memory lock serves a single process', async ({ assert }) => {
    const lock = new MemoryTickLock()
    assert.isTrue(await lock.acquire('x:1', 1000))
    assert.isFalse(await lock.acquire('x:1', 1000))
    assert.isTrue(await lock.acquire('x:2', 1000))
  })
})
