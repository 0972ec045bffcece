import { test } from '@japa/runner'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { JobRegistry } from '#core/queue/registry'
import { InlineQueueDriver } from '#core/queue/inline_driver'
import { recordFailedJob } from '#core/queue/failed_jobs'
import type { JobFailure, QueueDriver } from '#core/queue/types'
import { beeDriver } from '#tests/helpers/queue'
import { waitUntil } from '#tests/helpers/processes'

interface Probe {
  attempts: number[]
  payloads: unknown[]
  done: boolean
  /** Payloads given to onFailure (once per job whose attempts ran out). */
  failedHooks: unknown[]
  /** The timed-out attempt saw its abort signal fire. */
  aborted: boolean
}

/** A job that fails its first attempt and succeeds on the second. */
function flakyRegistry(probe: Probe) {
  const registry = new JobRegistry()
  registry.define<{ episodeId: number }>({
    name: 'test.flaky',
    retries: 2,
    backoffMs: 50,
    timeoutMs: 5000,
    async handle(payload, ctx) {
      probe.attempts.push(ctx.attempt)
      probe.payloads.push(payload)
      if (ctx.attempt === 1) throw new Error('first attempt fails')
      probe.done = true
      return { ok: true }
    },
  })
  registry.define({
    name: 'test.always_fails',
    retries: 1,
    backoffMs: 20,
    async handle() {
      throw new Error('transcoder exploded')
    },
    async onFailure(payload, error) {
      probe.failedHooks.push({ payload, error: error.message })
    },
  })
  registry.define({
    name: 'test.too_slow',
    retries: 0,
    timeoutMs: 200,
    async handle(_payload, ctx) {
      ctx.signal.addEventListener('abort', () => (probe.aborted = true))
      await new Promise((resolve) => setTimeout(resolve, 5000))
    },
  })
  return registry
}

async function exercise(
  driverFor: (
    registry: JobRegistry,
    failures: JobFailure[]
  ) => Promise<{ driver: QueueDriver; settle: () => Promise<void> }>,
  assert: any
) {
  const probe: Probe = { attempts: [], payloads: [], done: false, failedHooks: [], aborted: false }
  const failures: JobFailure[] = []
  const { driver, settle } = await driverFor(flakyRegistry(probe), failures)
  try {
    const job = await driver.dispatch('test.flaky', { episodeId: 42 })
    assert.isString(job.id)
    await driver.dispatch('test.always_fails', { why: 'check failure records' })
    await driver.dispatch('test.too_slow', {})
    await settle()
    await waitUntil(() => probe.done && failures.length === 2, 15_000, 'jobs to settle').catch(
      (error) => {
        throw new Error(
          `${error.message}: attempts ${JSON.stringify(probe.attempts)}, failures ${JSON.stringify(failures.map((f) => [f.name, f.attempts, f.error]))}`
        )
      }
    )

    assert.deepEqual(probe.attempts, [1, 2], 'retried once after the first failure')
    assert.deepEqual(probe.payloads, [{ episodeId: 42 }, { episodeId: 42 }])

    const failed = failures.find((f) => f.name === 'test.always_fails')!
    assert.equal(failed.attempts, 2)
    assert.equal(failed.error, 'transcoder exploded')
    assert.deepEqual(failed.payload, { why: 'check failure records' })

    const slow = failures.find((f) => f.name === 'test.too_slow')!
    assert.match(slow.error, /timed out after 200 ms/)
    assert.isTrue(
      probe.aborted,
      'a timed-out attempt is told to stop (the transcoder kills ffmpeg)'
    )
    await waitUntil(() => probe.failedHooks.length > 0, 5000, 'the failure hook')
    assert.deepEqual(probe.failedHooks, [
      { payload: { why: 'check failure records' }, error: 'transcoder exploded' },
    ])
  } finally {
    await driver.close()
  }
}

test.group('Queue drivers', () => {
  test('inline: retry with backoff, timeout, failure recorded', async ({ assert }) => {
    await exercise(async (registry, failures) => {
      const driver = new InlineQueueDriver(registry, async (f) => void failures.push(f), logger)
      return { driver, settle: () => driver.drain() }
    }, assert)
  }).timeout(20_000)

  test('bee-queue: the same jobs behave the same through Redis', async ({ assert }) => {
    await exercise(async (registry, failures) => {
      const { driver } = beeDriver(registry, failures)
      await driver.work()
      return { driver, settle: async () => {} }
    }, assert)
  }).timeout(30_000)

  test('inline: a job concurrency limit is honoured, like bee', async ({ assert }) => {
    const registry = new JobRegistry()
    let running = 0
    let peak = 0
    registry.define({
      name: 'test.exclusive',
      concurrency: 1,
      async handle() {
        running++
        peak = Math.max(peak, running)
        await new Promise((resolve) => setTimeout(resolve, 50))
        running--
      },
    })
    const driver = new InlineQueueDriver(registry, async () => {}, logger)
    const started = Date.now()
    await Promise.all([1, 2, 3].map(() => driver.dispatch('test.exclusive', {})))
    await driver.drain()
    assert.equal(peak, 1)
    assert.isAtLeast(Date.now() - started, 140)
    await driver.close()
  })

  test('bee-queue: health counts waiting jobs and live workers', async ({ assert }) => {
    const registry = new JobRegistry()
    registry.define({ name: 'test.noop', async handle() {} })
    const producer = beeDriver(registry)
    await producer.driver.dispatch('test.noop', {})
    await producer.driver.dispatch('test.noop', {})
    const before = await producer.driver.health()
    assert.isTrue(before.ok)
    assert.equal(before.counts!.waiting, 2)
    assert.equal(before.workers, 0)
    await producer.driver.close()
  }).timeout(20_000)

  test('failures land in failed_jobs with their reason', async ({ assert }) => {
    await testUtils.db().withGlobalTransaction()
    await recordFailedJob({
      driver: 'bee',
      name: 'media.transcode_episode',
      jobId: '17',
      payload: { episodeId: 9 },
      attempts: 4,
      error: 'ffmpeg exited with code 1',
      stack: 'Error: ffmpeg exited with code 1\n    at ...',
    })
    const row = await db.from('failed_jobs').where('job_id', '17').firstOrFail()
    assert.equal(row.name, 'media.transcode_episode')
    assert.equal(row.attempts, 4)
    assert.equal(row.error, 'ffmpeg exited with code 1')
    assert.deepEqual(JSON.parse(row.payload), { episodeId: 9 })
    await db.rollbackGlobalTransaction()
  })
})
