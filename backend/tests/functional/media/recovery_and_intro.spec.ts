import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { staffToken } from '#tests/helpers/accounts'
import { publishedDrama } from '#tests/helpers/catalog'
import { makeClip, uploadFile } from '#tests/helpers/media'
import { waitUntil } from '#tests/helpers/processes'
import storage from '#core/services/storage'
import EpisodeMedia from '#modules/media/models/episode_media'
import Episode from '#modules/catalog/models/episode'
import { DETECT_INTRO_OUTRO_JOB, TRANSCODE_JOB } from '#modules/media/services/job_names'
import type { QueueManager } from '#core/queue/queue_manager'

/** `node ace queue:work` for the media queues, as production runs it, with this run's env. */
function startWorker() {
  const child = spawn('node', ['ace', 'queue:work'], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { child, exited, stderr: () => stderr }
}

test.group('Media: a transcode survives its worker crashing', () => {
  test('the worker is killed mid-transcode; another worker finishes the episode', async ({
    client,
    assert,
    cleanup,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({}, 0)
    // Long enough to still be encoding when the worker dies.
    const clip = await makeClip({ width: 1080, height: 1920, seconds: 20 })
    const first = startWorker()
    cleanup(() => {
      first.child.kill('SIGKILL')
    })
    const { complete } = await uploadFile(client, token, clip.bytes, { dramaId: drama.id, episodeNumber: 1 })
    complete!.assertStatus(200)
    const episodeId = complete!.body().target.id

    await waitUntil(
      async () => {
        const media = await EpisodeMedia.find(episodeId)
        return media?.state === 'processing' && media.progress > 0
      },
      60_000,
      'transcoding to start on the first worker'
    )
    first.child.kill('SIGKILL')
    await first.exited
    const killedAt = Date.now()
    const interrupted = await EpisodeMedia.findOrFail(episodeId)
    assert.equal(interrupted.state, 'processing')
    assert.equal(interrupted.liveRevision, 0)

    const second = startWorker()
    cleanup(async () => {
      second.child.kill('SIGTERM')
      await second.exited
    })
    await waitUntil(
      async () => (await EpisodeMedia.find(episodeId))?.state === 'ready',
      150_000,
      `the second worker to finish (${second.stderr().slice(-500)})`
    )
    const media = await EpisodeMedia.findOrFail(episodeId)
    // bee-queue hands a stalled job to the next worker (not a retry): it started over after the kill.
    assert.isAbove(media.startedAt!.toMillis(), killedAt)
    assert.deepEqual(media.ladder.map((r) => r.label), ['1080p', '720p', '480p'])
    const files = (await storage.list(media.outputPrefix!)).map((f) => f.key.slice(media.outputPrefix!.length))
    assert.includeMembers(files, ['master.m3u8', 'v0/index.m3u8', 'v1/index.m3u8', 'v2/index.m3u8', 'poster.jpg'])
    // One output tree only: nothing left of the crashed attempt elsewhere.
    const all = await storage.list(`dramas/${drama.id}/episodes/${episodeId}/hls/`)
    assert.isTrue(all.every((f) => f.key.startsWith(media.outputPrefix!)))
    assert.equal((await Episode.findOrFail(episodeId)).state, 'ready')
  }).timeout(240_000)
})

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
      const clip = await makeClip({ width: 480, height: 854, seconds: 12, jingleSec: 4, seed: n * 7 })
      const { complete } = await uploadFile(client, token, clip.bytes, { dramaId: drama.id, episodeNumber: n })
      complete!.assertStatus(200)
      ids.push(complete!.body().target.id)
    }
    await waitUntil(
      async () => {
        const rows = await EpisodeMedia.query().whereIn('episode_id', ids)
        return rows.length === 3 && rows.every((m) => m.state === 'ready' && m.proposedIntroEndSec !== null)
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
    const applied = await client.post(`/admin/v1/dramas/${drama.id}/intro-outro/apply`).bearerToken(token).json({})
    applied.assertStatus(200)
    assert.equal(applied.body().applied, 3)
    const ep = await Episode.findOrFail(ids[0]!)
    assert.approximately(ep.introEndSec!, 4, 1)
    const override = await client.patch(`/admin/v1/episodes/${ids[0]}`).bearerToken(token).json({ introEndSec: 5 })
    override.assertStatus(200)
    assert.equal((await Episode.findOrFail(ids[0]!)).introEndSec, 5)

    const again = await client.post(`/admin/v1/dramas/${drama.id}/intro-outro/detect`).bearerToken(token)
    again.assertStatus(202)
  }).timeout(180_000)
})
