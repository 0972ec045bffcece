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

/*
| This file runs before the other media specs (alphabetical order) on purpose: they make the
| test process itself a transcode worker, which would take this job from the spawned workers.
| The startedAt assertion below fails if that ever happens.
*/

/** `node ace queue:work` for the media queues, as production runs it, with this run's env. */
function startWorker() {
  const child = spawn('node', ['ace', 'queue:work'], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d))
  child.stdout!.on('data', (d: Buffer) => (stderr += d))
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
    const clip = await makeClip({ width: 720, height: 1280, seconds: 16 })
    const first = startWorker()
    cleanup(() => {
      first.child.kill('SIGKILL')
    })
    const { complete } = await uploadFile(client, token, clip.bytes, {
      dramaId: drama.id,
      episodeNumber: 1,
    })
    complete!.assertStatus(200)
    const episodeId = complete!.body().target.id

    await waitUntil(
      async () => {
        const media = await EpisodeMedia.find(episodeId)
        return media?.state === 'processing' && media.progress > 0
      },
      60_000,
      'transcoding to start on the first worker'
    ).catch((error) => {
      throw new Error(`${error.message}; worker said: ${first.stderr().slice(-1500)}`)
    })
    first.child.kill('SIGKILL')
    await first.exited
    const killedAt = Date.now()
    const interrupted = await EpisodeMedia.findOrFail(episodeId)
    assert.equal(interrupted.state, 'processing')
    assert.equal(interrupted.liveRevision, 0)

    const second = startWorker()
    cleanup(async () => {
      // SIGKILL: a worker stopped with SIGTERM finishes its active job first.
      second.child.kill('SIGKILL')
      await second.exited
    })
    await waitUntil(
      async () =>
        (await EpisodeMedia.find(episodeId))?.state === 'ready' &&
        (await Episode.findOrFail(episodeId)).state === 'ready',
      150_000,
      `the second worker to finish (${second.stderr().slice(-500)})`
    )
    const media = await EpisodeMedia.findOrFail(episodeId)
    // bee-queue hands a stalled job to the next worker (not a retry): it started over after the kill.
    assert.isAbove(media.startedAt!.toMillis(), killedAt)
    assert.deepEqual(
      media.ladder.map((r) => r.label),
      ['720p', '480p']
    )
    const files = (await storage.list(media.outputPrefix!)).map((f) =>
      f.key.slice(media.outputPrefix!.length)
    )
    assert.includeMembers(files, ['master.m3u8', 'v0/index.m3u8', 'v1/index.m3u8', 'poster.jpg'])
    // One output tree only: nothing left of the crashed attempt elsewhere.
    const all = await storage.list(`dramas/${drama.id}/episodes/${episodeId}/hls/`)
    assert.isTrue(all.every((f) => f.key.startsWith(media.outputPrefix!)))
  }).timeout(240_000)
})
