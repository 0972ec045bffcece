import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { staffToken, guest } from '#tests/helpers/accounts'
import { publishedDrama, uid } from '#tests/helpers/catalog'
import { makeClip, putRaw, uploadFile, decryptSegment, probeBytes, run } from '#tests/helpers/media'
import { waitUntil } from '#tests/helpers/processes'
import storage from '#core/services/storage'
import Drama from '#modules/catalog/models/drama'
import Episode from '#modules/catalog/models/episode'
import EpisodeMedia from '#modules/media/models/episode_media'
import { DETECT_INTRO_OUTRO_JOB, TRANSCODE_JOB } from '#modules/media/services/job_names'
import type { QueueManager } from '#core/queue/queue_manager'

const KiB = 1024

/** This test process works the media queues (bee, the run's Redis prefix), like `queue:work`. */
async function startMediaWorker() {
  const queue = (await app.container.make('duanju.queue')) as QueueManager
  await queue.startWorker([TRANSCODE_JOB, DETECT_INTRO_OUTRO_JOB])
}

async function waitReady(client: any, token: string, episodeId: number, timeoutMs = 90_000) {
  let last: any
  await waitUntil(
    async () => {
      const res = await client.get(`/admin/v1/episodes/${episodeId}/processing`).bearerToken(token)
      last = res.body()
      // Ready video, and the episode moved on from processing (review → ready).
      return (
        (last.state === 'ready' && last.episodeState !== 'processing') || last.state === 'failed'
      )
    },
    timeoutMs,
    `episode ${episodeId} processing`
  )
  return last
}

function urlPath(url: string) {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

test.group('Media: resumable upload → single-pass encrypted HLS → signed playback', (group) => {
  group.setup(async () => {
    await startMediaWorker()
    app.config.set('media.uploads.chunkBytes', 64 * KiB)
  })

  test('an interrupted upload resumes, transcodes to an aligned, encrypted ladder, and plays signed', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({ freeEpisodes: 2 }, 0)
    const clip = await makeClip({ width: 720, height: 1280, seconds: 9, faststart: true })
    assert.isAbove(clip.bytes.length, 3 * 64 * KiB)

    const body = {
      filename: '第1集.mp4',
      contentType: 'video/mp4',
      sizeBytes: clip.bytes.length,
      sha256: clip.sha256,
      purpose: 'episode',
      dramaId: drama.id,
      episodeNumber: 1,
    }
    const first = await client.post('/admin/v1/uploads').bearerToken(token).json(body)
    first.assertStatus(201)
    const { uploadId, chunkSize, totalChunks } = first.body()
    assert.equal(chunkSize, 64 * KiB)
    for (const i of [0, 1]) {
      const res = await putRaw(
        client,
        token,
        uploadId,
        i,
        clip.bytes.subarray(i * chunkSize, (i + 1) * chunkSize)
      )
      res.assertStatus(200)
    }
    // The connection dropped; the admin asks again for the same file.
    const again = await client.post('/admin/v1/uploads').bearerToken(token).json(body)
    again.assertStatus(200)
    assert.equal(again.body().uploadId, uploadId)
    assert.deepEqual(again.body().uploadedChunks, [0, 1])

    const early = await client.post(`/admin/v1/uploads/${uploadId}/complete`).bearerToken(token)
    early.assertStatus(409)
    assert.equal(early.body().error.code, 'UPLOAD_INCOMPLETE')
    assert.equal(early.body().error.details.missingChunks[0], 2)

    for (let i = 2; i < totalChunks; i++) {
      const res = await putRaw(
        client,
        token,
        uploadId,
        i,
        clip.bytes.subarray(i * chunkSize, (i + 1) * chunkSize)
      )
      res.assertStatus(200)
    }
    const done = await client.post(`/admin/v1/uploads/${uploadId}/complete`).bearerToken(token)
    done.assertStatus(200)
    assert.equal(done.body().target.type, 'episode')
    assert.equal(done.body().probe.width, 720)
    const episodeId = done.body().target.id
    assert.deepEqual(
      await storage.list(`uploads/${uploadId}/`),
      [],
      'chunks removed after assembly'
    )

    const processed = await waitReady(client, token, episodeId)
    assert.equal(processed.state, 'ready', processed.error)
    assert.equal(processed.episodeState, 'ready')
    assert.deepEqual(
      processed.ladder.map((r: any) => [r.label, r.width, r.height]),
      [
        ['720p', 720, 1280],
        ['480p', 480, 854],
      ]
    )
    const episode = await Episode.findOrFail(episodeId)
    assert.equal(episode.durationSec, 9)
    await client.post(`/admin/v1/dramas/${drama.id}/episodes/publish`).bearerToken(token)

    const viewer = await guest(client)
    const play = await client.get(`/api/v1/episodes/${episodeId}/play`).bearerToken(viewer.token)
    play.assertStatus(200)
    const p = play.body()
    assert.equal(p.access, 'free')
    assert.equal(p.resumeAtSec, 0)
    assert.isNull(p.nextEpisodeId)
    assert.deepEqual(
      p.renditions.map((r: any) => r.label),
      ['720p', '480p']
    )
    assert.isAbove(DateTime.fromISO(p.expiresAt).toMillis(), Date.now() + 3600_000)

    // Master → variants → segments and key, all signed; no bearer token needed.
    const master = await client.get(urlPath(p.masterUrl))
    master.assertStatus(200)
    const variants = master
      .text()
      .split('\n')
      .filter((l: string) => l && !l.startsWith('#'))
    assert.lengthOf(variants, 2)
    assert.isTrue(variants.every((v: string) => /^v\d\/index\.m3u8\?t=\d+\.u\d+\./.test(v)))
    const base = p.masterUrl.slice(0, p.masterUrl.indexOf('master.m3u8'))

    const segmentsPerRendition: number[][] = []
    let keyBytes: Buffer | null = null
    let firstSegments: { data: Buffer; iv: string }[] = []
    for (const variant of variants) {
      const playlist = await client.get(urlPath(base + variant))
      playlist.assertStatus(200)
      const text = playlist.text()
      const keyLine = text.split('\n').find((l: string) => l.startsWith('#EXT-X-KEY'))!
      const [, keyUri, iv] = keyLine.match(/URI="([^"]+)",IV=0x([\da-f]{32})/)!
      const durations = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]))
      segmentsPerRendition.push(durations)
      const segmentUri = text.split('\n').find((l: string) => l.startsWith('seg_'))!
      const dir = base + variant.slice(0, variant.indexOf('/') + 1)
      const segment = await client.get(urlPath(dir + segmentUri))
      segment.assertStatus(200)
      firstSegments.push({ data: Buffer.from(segment.body() as Buffer), iv: iv! })
      const key = await client.get(urlPath(new URL(keyUri!, dir).toString()))
      key.assertStatus(200)
      assert.equal(key.header('cache-control'), 'no-store')
      keyBytes = Buffer.from(key.body() as Buffer)
    }
    // 2 s GOPs, 4 s segments, the same cut points in every rendition.
    assert.deepEqual(segmentsPerRendition[0], segmentsPerRendition[1])
    assert.deepEqual(segmentsPerRendition[0]!.slice(0, 2), [4, 4])
    assert.lengthOf(keyBytes!, 16)

    for (const { data, iv } of firstSegments) {
      assert.isNull(await probeBytes(data), 'an encrypted segment is not decodable without the key')
      const clear = decryptSegment(data, keyBytes!, iv)
      const probed = await probeBytes(clear)
      assert.isNotNull(probed, 'decodable with the key')
      const video = probed!.frames!.find((f: any) => f.media_type === 'video')
      assert.equal(video.key_frame, 1, 'each segment starts on a keyframe')
    }

    // Keyframes every 2 s in the top rendition.
    const keyframes = await run(
      'ffprobe',
      [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-skip_frame',
        'nokey',
        '-show_entries',
        'frame=pts_time',
        '-of',
        'json',
        '-i',
        'pipe:0',
      ],
      decryptSegment(firstSegments[0]!.data, keyBytes!, firstSegments[0]!.iv)
    )
    const times = (JSON.parse(keyframes.stdout).frames as { pts_time: string }[]).map((f) =>
      Number(f.pts_time)
    )
    assert.isAtLeast(times.length, 2)
    assert.approximately(times[1]! - times[0]!, 2, 0.05)

    // Poster and thumbnails.
    const poster = await client.get(urlPath(p.posterUrl))
    poster.assertStatus(200)
    assert.equal(poster.header('content-type'), 'image/jpeg')
    const vtt = await client.get(urlPath(p.thumbnailsVttUrl))
    vtt.assertStatus(200)
    assert.match(vtt.text(), /^WEBVTT/)
    const spriteRef = vtt.text().match(/(sprite_01\.jpg\?t=[^#]+)#xywh=0,0,160,284/)
    assert.isNotNull(spriteRef)
    const sprite = await client.get(urlPath(new URL(spriteRef![1]!, p.thumbnailsVttUrl).toString()))
    sprite.assertStatus(200)

    // Progress: resume where the viewer stopped, and a play counted for the rankings.
    const hb = await client
      .post(`/api/v1/episodes/${episodeId}/progress`)
      .bearerToken(viewer.token)
      .json({ positionSec: 8, durationSec: 9, event: 'heartbeat' })
    hb.assertStatus(200)
    const resumed = await client.get(`/api/v1/episodes/${episodeId}/play`).bearerToken(viewer.token)
    assert.equal(resumed.body().resumeAtSec, 0, 'the last seconds start over')
    await client
      .post(`/api/v1/episodes/${episodeId}/progress`)
      .bearerToken(viewer.token)
      .json({ positionSec: 4, durationSec: 9, event: 'heartbeat' })
    const resumed2 = await client
      .get(`/api/v1/episodes/${episodeId}/play`)
      .bearerToken(viewer.token)
    assert.equal(resumed2.body().resumeAtSec, 4)
    // Finishing and starting again from the top is a second play.
    const metrics = await db.from('drama_daily_metrics').where('drama_id', drama.id).first()
    assert.equal(Number(metrics.plays), 2)
  }).timeout(180_000)

  test('bad files are refused with a reason and leave nothing behind', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({}, 0)
    const base = { purpose: 'episode', dramaId: drama.id, episodeNumber: 1 }

    const empty = await client
      .post('/admin/v1/uploads')
      .bearerToken(token)
      .json({ ...base, filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 0 })
    empty.assertStatus(422)
    assert.equal(empty.body().error.code, 'MEDIA_INVALID')
    assert.equal(empty.body().error.details.reason, 'empty')

    const pdf = await client
      .post('/admin/v1/uploads')
      .bearerToken(token)
      .json({ ...base, filename: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10 })
    pdf.assertStatus(415)
    assert.equal(pdf.body().error.code, 'UNSUPPORTED_MEDIA_TYPE')

    const huge = await client
      .post('/admin/v1/uploads')
      .bearerToken(token)
      .json({ ...base, filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 1e13 })
    huge.assertStatus(413)
    assert.equal(huge.body().error.code, 'PAYLOAD_TOO_LARGE')

    const noTarget = await client.post('/admin/v1/uploads').bearerToken(token).json({
      purpose: 'episode',
      dramaId: drama.id,
      filename: 'a.mp4',
      contentType: 'video/mp4',
      sizeBytes: 10,
    })
    noTarget.assertStatus(422)

    // A text file named .mp4.
    const text = Buffer.from('这不是视频 '.repeat(500))
    const notVideo = await uploadFile(client, token, text, { ...base, filename: 'fake.mp4' })
    notVideo.complete!.assertStatus(422)
    assert.equal(notVideo.complete!.body().error.code, 'MEDIA_INVALID')
    // ffprobe reads this text as AMR audio: no picture in it either way.
    assert.oneOf(notVideo.complete!.body().error.details.reason, ['not_video', 'no_video_stream'])
    const failedId = notVideo.init.body().uploadId
    assert.deepEqual(await storage.list(`uploads/${failedId}/`), [])
    const status = await client.get(`/admin/v1/uploads/${failedId}`).bearerToken(token)
    assert.equal(status.body().state, 'failed')
    const chunkAfter = await putRaw(client, token, failedId, 0, text.subarray(0, 10))
    chunkAfter.assertStatus(409)
    assert.equal(chunkAfter.body().error.code, 'UPLOAD_NOT_ACTIVE')
    assert.isNull(await Episode.query().where('drama_id', drama.id).first(), 'no episode created')

    // A real clip cut short.
    const clip = await makeClip({ seconds: 6, faststart: true })
    const truncated = await uploadFile(
      client,
      token,
      clip.bytes.subarray(0, Math.floor(clip.bytes.length * 0.6)),
      { ...base, filename: 'cut.mp4' }
    )
    truncated.complete!.assertStatus(422)
    assert.equal(truncated.complete!.body().error.details.reason, 'truncated')
    assert.isNull(await EpisodeMedia.query().where('drama_id', drama.id).first())

    // Chunk checks: wrong size, wrong checksum, index out of range.
    const init = await client
      .post('/admin/v1/uploads')
      .bearerToken(token)
      .json({ ...base, filename: 'x.mp4', contentType: 'video/mp4', sizeBytes: 100 * KiB })
    const id = init.body().uploadId
    const short = await putRaw(client, token, id, 0, Buffer.alloc(10))
    short.assertStatus(422)
    assert.equal(short.body().error.code, 'CHUNK_SIZE_MISMATCH')
    const bad = await putRaw(client, token, id, 0, Buffer.alloc(64 * KiB), 'a'.repeat(64))
    bad.assertStatus(422)
    assert.equal(bad.body().error.code, 'CHUNK_CHECKSUM_MISMATCH')
    const range = await putRaw(client, token, id, 9, Buffer.alloc(10))
    range.assertStatus(422)
    assert.deepEqual(await storage.list(`uploads/${id}/`), [])
    const cancel = await client.delete(`/admin/v1/uploads/${id}`).bearerToken(token)
    cancel.assertStatus(204)

    // Viewers and reviewers cannot upload.
    const reviewer = await staffToken(client, 'reviewer')
    const denied = await client
      .post('/admin/v1/uploads')
      .bearerToken(reviewer)
      .json({ ...base, filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 10 })
    denied.assertStatus(403)
  }).timeout(120_000)

  test('signed URLs: tampered, expired, another user or file → 403; the key refuses a locked episode', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({ freeEpisodes: 1, episodePriceCoins: 60 }, 0)
    const clip = await makeClip({ width: 480, height: 854, seconds: 4 })
    const ids: number[] = []
    for (const n of [1, 2]) {
      const { complete } = await uploadFile(client, token, clip.bytes, {
        dramaId: drama.id,
        episodeNumber: n,
        filename: `${n}.mp4`,
      })
      complete!.assertStatus(200)
      ids.push(complete!.body().target.id)
    }
    for (const id of ids) assert.equal((await waitReady(client, token, id)).state, 'ready')
    // The episodes tab asks for the whole drama in one request.
    const listed = await client.get(`/admin/v1/dramas/${drama.id}/processing`).bearerToken(token)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.episodeId, row.state, row.ladder.length]),
      ids.map((id) => [id, 'ready', 1])
    )
    ;(await client.get('/admin/v1/dramas/999999999/processing').bearerToken(token)).assertStatus(
      404
    )
    const viewerToken = (await guest(client)).token
    ;(
      await client.get(`/admin/v1/dramas/${drama.id}/processing`).bearerToken(viewerToken)
    ).assertStatus(401)
    await client.post(`/admin/v1/dramas/${drama.id}/episodes/publish`).bearerToken(token)

    const alice = await guest(client)
    const bob = await guest(client)
    const play = await client.get(`/api/v1/episodes/${ids[0]}/play`).bearerToken(alice.token)
    play.assertStatus(200)
    assert.equal(play.body().nextEpisodeId, ids[1])
    const master = new URL(play.body().masterUrl)
    const t = master.searchParams.get('t')!
    const [exp, subject, sig] = t.split('.')

    const ok = await client.get(`${master.pathname}?t=${t}`)
    ok.assertStatus(200)
    const tamperedSig = `${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`
    const cases: [string, string][] = [
      ['tampered', `${master.pathname}?t=${exp}.${subject}.${tamperedSig}`],
      ['tampered', `${master.pathname}?t=${Number(exp) + 3600}.${subject}.${sig}`],
      ['tampered', `${master.pathname}?t=${exp}.u${bob.user.id}.${sig}`],
      ['tampered', `${master.pathname.replace('master.m3u8', 'v0/index.m3u8')}?t=${t}`],
      ['tampered', `${master.pathname.replace(`/${ids[0]}/`, `/${ids[1]}/`)}?t=${t}`],
      ['malformed', master.pathname],
    ]
    for (const [reason, path] of cases) {
      const res = await client.get(path)
      res.assertStatus(403)
      assert.equal(res.body().error.code, 'FORBIDDEN')
      assert.equal(res.body().error.details.reason, reason, path)
    }
    // Expired: a correctly signed URL whose time is up.
    const { UrlSigner } = await import('#modules/playback/services/url_signer')
    const signer = new UrlSigner((await import('#start/env')).default.get('APP_KEY').release())
    const past = Math.floor(Date.now() / 1000) - 5
    const expired = await client.get(
      `${master.pathname}?t=${signer.token({ episodeId: ids[0]!, subject: `u${alice.user.id}`, exp: past }, 'master.m3u8')}`
    )
    expired.assertStatus(403)
    assert.equal(expired.body().error.details.reason, 'expired')

    // Episode 2 is locked for Bob: /play says 402 with the price; a key URL signed for him anyway is refused.
    const locked = await client.get(`/api/v1/episodes/${ids[1]}/play`).bearerToken(bob.token)
    locked.assertStatus(402)
    assert.equal(locked.body().error.code, 'EPISODE_LOCKED')
    assert.equal(locked.body().error.details.unlockOptions.priceCoins, 60)
    // Reporting progress on it is refused the same way, with the same unlock options.
    const lockedProgress = await client
      .post(`/api/v1/episodes/${ids[1]}/progress`)
      .bearerToken(bob.token)
      .json({ positionSec: 3, durationSec: 9, event: 'heartbeat' })
    lockedProgress.assertStatus(402)
    assert.deepEqual(lockedProgress.body().error.details, locked.body().error.details)
    const future = Math.floor(Date.now() / 1000) + 600
    const forgedKey = await client.get(
      `/api/v1/hls/${ids[1]}/key?t=${signer.token({ episodeId: ids[1]!, subject: `u${bob.user.id}`, exp: future }, 'key')}`
    )
    forgedKey.assertStatus(403)
    assert.equal(forgedKey.body().error.details.reason, 'no_access')
    // …while the free episode's key is served to Bob.
    const freeKey = await client.get(
      `/api/v1/hls/${ids[0]}/key?t=${signer.token({ episodeId: ids[0]!, subject: `u${bob.user.id}`, exp: future }, 'key')}`
    )
    freeKey.assertStatus(200)

    // The admin preview works for any state and signs for the admin.
    const preview = await client.get(`/admin/v1/episodes/${ids[1]}/preview`).bearerToken(token)
    preview.assertStatus(200)
    assert.match(preview.body().masterUrl, /t=\d+\.a\d+\./)
    const unknown = await client.get(`/api/v1/episodes/999999999/play`).bearerToken(alice.token)
    unknown.assertStatus(404)
    const anonymous = await client.get(`/api/v1/episodes/${ids[0]}/play`)
    anonymous.assertStatus(401)
  }).timeout(180_000)

  test('a source without audio, with rotation metadata, smaller than 480p', async ({
    client,
    assert,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await Drama.create({
      title: `剧${uid()}`,
      synopsis: '',
      tags: [],
      cast: [],
      language: 'zh',
      status: 'ongoing',
      plannedEpisodes: 2,
      freeEpisodes: 2,
      episodePriceCoins: 60,
      state: 'draft',
    })
    // Stored 1280x720 with rotate=90: displayed as 720x1280 portrait.
    const rotated = await makeClip({
      width: 1280,
      height: 720,
      seconds: 3,
      audio: false,
      rotate: 90,
    })
    const a = await uploadFile(client, token, rotated.bytes, {
      dramaId: drama.id,
      episodeNumber: 1,
    })
    a.complete!.assertStatus(200)
    assert.deepEqual(
      [
        a.complete!.body().probe.width,
        a.complete!.body().probe.height,
        a.complete!.body().probe.hasAudio,
      ],
      [720, 1280, false]
    )
    const small = await makeClip({ width: 360, height: 640, seconds: 3 })
    const b = await uploadFile(client, token, small.bytes, { dramaId: drama.id, episodeNumber: 2 })
    const ra = await waitReady(client, token, a.complete!.body().target.id)
    const rb = await waitReady(client, token, b.complete!.body().target.id)
    assert.equal(ra.state, 'ready', ra.error)
    assert.deepEqual(
      ra.ladder.map((r: any) => `${r.width}x${r.height}`),
      ['720x1280', '480x854']
    )
    assert.isFalse(ra.hasAudio)
    assert.equal(rb.state, 'ready', rb.error)
    assert.deepEqual(
      rb.ladder.map((r: any) => `${r.label} ${r.width}x${r.height}`),
      ['360p 360x640']
    )
  }).timeout(120_000)
})
