import { test } from '@japa/runner'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import env from '#start/env'
import { JobRegistry } from '#core/queue/registry'
import { spawnTs, waitUntil } from '#tests/helpers/processes'
import { beeDriver } from '#tests/helpers/queue'

async function lines(file: string) {
  return (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean)
}

test.group('bee-queue crash recovery', () => {
  test('a job whose worker is killed mid-job runs again on another worker', async ({
    assert,
    cleanup,
  }) => {
    const marker = join(tmpdir(), `duanju-stall-${process.pid}-${Date.now()}.log`)
    await writeFile(marker, '')
    cleanup(() => rm(marker, { force: true }))

    // The producer side: this process only enqueues.
    const registry = new JobRegistry()
    registry.define({ name: 'fixture.slow', async handle() {} })
    const { driver: producer, prefix } = beeDriver(registry)
    cleanup(() => producer.close())
    const fixtureEnv = {
      FIXTURE_MARKER: marker,
      FIXTURE_REDIS_URL: env.get('REDIS_URL'),
      FIXTURE_PREFIX: prefix,
    }

    const first = spawnTs('tests/fixtures/bee_worker.ts', fixtureEnv)
    await waitUntil(
      async () => (await lines(marker)).some((l) => l === `ready ${first.child.pid}`),
      20_000,
      'first worker'
    )
    await producer.dispatch('fixture.slow', { label: 'episode-7' })
    await waitUntil(
      async () => (await lines(marker)).some((l) => l.startsWith(`start ${first.child.pid}`)),
      10_000,
      'job start'
    )

    first.child.kill('SIGKILL')
    await first.exited

    const second = spawnTs('tests/fixtures/bee_worker.ts', fixtureEnv)
    cleanup(async () => {
      second.child.kill('SIGTERM')
      await second.exited
    })
    await waitUntil(
      async () => (await lines(marker)).some((l) => l.startsWith('done')),
      25_000,
      'job to finish on the second worker'
    )

    const log = await lines(marker)
    const starts = log.filter((l) => l.startsWith('start'))
    assert.deepEqual(starts, [
      `start ${first.child.pid} episode-7`,
      `start ${second.child.pid} episode-7`,
    ])
    assert.deepEqual(
      log.filter((l) => l.startsWith('done')),
      [`done ${second.child.pid} episode-7`]
    )
    assert.isEmpty(log.filter((l) => l.startsWith('failed')))
  }).timeout(60_000)
})
