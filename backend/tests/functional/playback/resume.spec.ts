import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { cache } from '#core/cache/cache'
import Episode from '#modules/catalog/models/episode'
import { ProgressService } from '#modules/playback/services/progress_service'
import { guest } from '#tests/helpers/accounts'
import { publishedDrama } from '#tests/helpers/catalog'

/**
 * Resume positions: the table is the record, each viewer's positions are also kept in one cache
 * hash that progress reports write through (progress_service.ts).
 */
test.group('Resume positions', () => {
  test('reports are seen by the next play, whether the cache was loaded before or lost since', async ({
    client,
    assert,
  }) => {
    const viewer = await guest(client)
    const userId = viewer.user.id as number
    const drama = await publishedDrama({}, 3)
    const [e1, e2, e3] = (await Episode.query().where('drama_id', drama.id).orderBy('number')).map(
      (e) => e.id
    )
    const progress = new ProgressService()

    // Nothing watched yet: loads (an empty set) and answers 0.
    assert.equal(await progress.resumeAt(userId, e1!), 0)
    const [loaded] = await cache.hashGet(`resume:${userId}`, ['all'])
    assert.equal(loaded, '1')

    // Written through into the loaded set.
    await progress.record(userId, e1!, { positionSec: 30, durationSec: 90, event: 'heartbeat' })
    await progress.record(userId, e2!, { positionSec: 45, durationSec: 90, event: 'heartbeat' })
    assert.equal(await progress.resumeAt(userId, e1!), 30)
    assert.equal(await progress.resumeAt(userId, e2!), 45)
    await progress.record(userId, e1!, { positionSec: 50, durationSec: 90, event: 'heartbeat' })
    assert.equal(await progress.resumeAt(userId, e1!), 50)

    // Finished: the next play starts over; the near-end rule holds as before.
    await progress.record(userId, e2!, { positionSec: 90, durationSec: 90, event: 'ended' })
    assert.equal(await progress.resumeAt(userId, e2!), 0)

    // The cache entry is lost: everything is reloaded from the table in one go.
    await cache.forget(`resume:${userId}`)
    assert.equal(await progress.resumeAt(userId, e1!), 50)
    assert.equal(await progress.resumeAt(userId, e2!), 0)
    assert.equal(await progress.resumeAt(userId, e3!), 0)
    const rows = await db.from('playback_progress').where('user_id', userId).orderBy('episode_id')
    assert.deepEqual(
      rows.map((r) => [r.episode_id, Number(r.position_sec), Boolean(r.completed)]),
      [
        [e1, 50, false],
        [e2, 90, true],
      ]
    )

    // A report while the cache holds only that field (not loaded whole) still reads right.
    await cache.forget(`resume:${userId}`)
    await progress.record(userId, e3!, { positionSec: 20, durationSec: 90, event: 'heartbeat' })
    assert.equal(await progress.resumeAt(userId, e1!), 50)
    assert.equal(await progress.resumeAt(userId, e3!), 20)
  })
})
