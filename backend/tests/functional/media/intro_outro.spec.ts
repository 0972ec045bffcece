import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { staffToken } from '#tests/helpers/accounts'
import { publishedDrama } from '#tests/helpers/catalog'
import { makeClip, uploadFile } from '#tests/helpers/media'
import { waitUntil } from '#tests/helpers/processes'
import EpisodeMedia from '#modules/media/models/episode_media'
import Episode from '#modules/catalog/models/episode'
import { DETECT_INTRO_OUTRO_JOB, TRANSCODE_JOB } from '#modules/media/services/job_names'
import type { QueueManager } from '#core/queue/queue_manager'

test.group('Media: intro/outro proposals from audio fingerprints', (group) => {
  group.setup(async () => {
    const queue = (await app.container.make('duanju.queue')) as QueueManager
    await queue.startWorker([TRANSCODE_JOB, DETECT_INTRO_OUTRO_JOB])
  })

  test('episodes sharing a 4 s jingle get an intro end near 4 s; operators apply or override', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({}, 0)
    const ids: number[] = []
    for (const n of [1, 2, 3]) {
      const clip = await makeClip({
        width: 480,
        height: 854,
        seconds: 12,
        jingleSec: 4,
        seed: n * 7,
      })
      const { complete } = await uploadFile(client, token, clip.bytes, {
        dramaId: drama.id,
        episodeNumber: n,
      })
      complete!.assertStatus(200)
      ids.push(complete!.body().target.id)
    }
    await waitUntil(
      async () => {
        const rows = await EpisodeMedia.query().whereIn('episode_id', ids)
        return (
          rows.length === 3 &&
          rows.every((m) => m.state === 'ready' && m.proposedIntroEndSec !== null)
        )
      },
      120_000,
      'transcodes and the detection job'
    )
    for (const id of ids) {
      const res = await client.get(`/admin/v1/episodes/${id}/processing`).bearerToken(token)
      const { proposedIntroEndSec } = res.body().intro
      assert.approximately(proposedIntroEndSec, 4, 1, `episode ${id}`)
    }
    // Apply to all, then one operator override.
    const applied = await client
      .post(`/admin/v1/dramas/${drama.id}/intro-outro/apply`)
      .bearerToken(token)
      .json({})
    applied.assertStatus(200)
    assert.equal(applied.body().applied, 3)
    const ep = await Episode.findOrFail(ids[0]!)
    assert.approximately(ep.introEndSec!, 4, 1)
    const override = await client
      .patch(`/admin/v1/episodes/${ids[0]}`)
      .bearerToken(token)
      .json({ introEndSec: 5 })
    override.assertStatus(200)
    assert.equal((await Episode.findOrFail(ids[0]!)).introEndSec, 5)

    const again = await client
      .post(`/admin/v1/dramas/${drama.id}/intro-outro/detect`)
      .bearerToken(token)
    again.assertStatus(202)
  }).timeout(180_000)
})
