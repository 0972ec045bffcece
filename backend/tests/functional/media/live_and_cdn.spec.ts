import { test } from '@japa/runner'
import { randomUUID, createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { staffToken, guest } from '#tests/helpers/accounts'
import { publishedDrama } from '#tests/helpers/catalog'
import { makeClip, uploadFile } from '#tests/helpers/media'
import { waitUntil } from '#tests/helpers/processes'
import { DETECT_INTRO_OUTRO_JOB, TRANSCODE_JOB } from '#modules/media/services/job_names'
import type { QueueManager } from '#core/queue/queue_manager'

const base = () => `http://${process.env.HOST}:${process.env.PORT}`

/** Opens the transmit event stream and collects the JSON messages it delivers. */
async function openStream(uid: string) {
  const controller = new AbortController()
  const res = await fetch(`${base()}/__transmit/events?uid=${uid}`, { signal: controller.signal })
  const messages: { channel: string; payload: any }[] = []
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          for (const line of event.split('\n')) {
            if (line.startsWith('data:')) {
              try {
                messages.push(JSON.parse(line.slice(5).trim()))
              } catch {}
            }
          }
        }
      }
    } catch {}
  })()
  return { status: res.status, messages, close: () => controller.abort() }
}

function subscribe(uid: string, channel: string, token?: string) {
  return fetch(`${base()}/__transmit/subscribe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ uid, channel }),
  })
}

test.group('Media: live processing over SSE, CDN URLs, Referer allow-list', (group) => {
  group.setup(async () => {
    const queue = (await app.container.make('duanju.queue')) as QueueManager
    await queue.startWorker([TRANSCODE_JOB, DETECT_INTRO_OUTRO_JOB])
  })

  test('admins with media.manage receive queued → processing → ready; others cannot subscribe', async ({
    client,
    assert,
    cleanup,
  }) => {
    const token = await staffToken(client, 'operator')
    const finance = await staffToken(client, 'finance')
    const viewer = await guest(client)
    const drama = await publishedDrama({}, 0)
    const channel = `admin/dramas/${drama.id}/processing`

    const uid = randomUUID()
    const stream = await openStream(uid)
    cleanup(() => stream.close())
    assert.equal(stream.status, 200)
    assert.equal((await subscribe(uid, channel)).status, 401)
    assert.equal((await subscribe(uid, channel, viewer.token)).status, 401)
    assert.equal((await subscribe(uid, channel, finance)).status, 403)
    const malformed = await fetch(`${base()}/__transmit/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${token}` },
      body: JSON.stringify({ uid: 42, channel: ['x'] }),
    })
    assert.equal(malformed.status, 400)
    assert.equal(((await malformed.json()) as any).error.code, 'BAD_REQUEST')
    assert.equal((await subscribe(uid, channel, token)).status, 204)

    const clip = await makeClip({ width: 480, height: 854, seconds: 6 })
    const { complete } = await uploadFile(client, token, clip.bytes, {
      dramaId: drama.id,
      episodeNumber: 1,
    })
    complete!.assertStatus(200)
    const episodeId = complete!.body().target.id
    await waitUntil(
      async () => stream.messages.some((m) => m.channel === channel && m.payload.state === 'ready'),
      60_000,
      'the ready message'
    )
    const states = stream.messages.filter((m) => m.channel === channel).map((m) => m.payload)
    assert.isTrue(states.every((p) => p.episodeId === episodeId))
    assert.equal(states[0].state, 'queued')
    assert.isTrue(states.some((p) => p.state === 'processing'))
    const progress = states.map((p) => p.progress)
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'progress only goes up'
    )
    assert.deepEqual(states.at(-1), {
      episodeId,
      dramaId: drama.id,
      state: 'ready',
      progress: 100,
      episodeState: 'ready',
      error: null,
    })
  }).timeout(90_000)

  test('with a CDN domain, segments get Alibaba type A URLs valid until the playback expiry; Referer allow-list', async ({
    client,
    assert,
    cleanup,
  }) => {
    const token = await staffToken(client, 'operator')
    const drama = await publishedDrama({ freeEpisodes: 3 }, 0)
    const clip = await makeClip({ width: 480, height: 854, seconds: 5 })
    const { complete } = await uploadFile(client, token, clip.bytes, {
      dramaId: drama.id,
      episodeNumber: 1,
    })
    const episodeId = complete!.body().target.id
    await waitUntil(
      async () =>
        (await client.get(`/admin/v1/episodes/${episodeId}/processing`).bearerToken(token)).body()
          .episodeState === 'ready',
      60_000,
      'ready'
    )
    await client.post(`/admin/v1/dramas/${drama.id}/episodes/publish`).bearerToken(token)

    const playback = app.config.get<any>('media.playback')
    cleanup(() => app.config.set('media.playback', playback))
    app.config.set('media.playback', {
      ...playback,
      cdn: { domain: 'media.cdn.example.com', authKey: 'aliyuncdnexp1234', authTtlSec: 1800 },
      refererAllowlist: ['h5.duanju.example'],
      allowEmptyReferer: true,
    })

    const viewer = await guest(client)
    const playRes = await client.get(`/api/v1/episodes/${episodeId}/play`).bearerToken(viewer.token)
    playRes.assertStatus(200)
    const play = playRes.body()
    const exp = Number(new URL(play.masterUrl).searchParams.get('t')!.split('.')[0])
    const variant = await fetch(play.renditions[0].url.replace('http://127.0.0.1:3333', base()), {
      headers: { referer: 'https://h5.duanju.example/pages/player/player' },
    })
    assert.equal(variant.status, 200)
    const text = await variant.text()
    const segment = text.split('\n').find((l) => l.startsWith('https://'))!
    const url = new URL(segment)
    assert.equal(url.host, 'media.cdn.example.com')
    assert.match(
      url.pathname,
      new RegExp(`^/dramas/${drama.id}/episodes/${episodeId}/hls/r1/v0/seg_000\\.ts$`)
    )
    const [timestamp, rand, uid, hash] = url.searchParams.get('auth_key')!.split('-')
    assert.equal(Number(timestamp), exp - 1800, 'CDN TTL + timestamp = the playback expiry')
    assert.equal(uid, '0')
    assert.equal(
      hash,
      createHash('md5')
        .update(`${url.pathname}-${timestamp}-${rand}-0-aliyuncdnexp1234`)
        .digest('hex')
    )
    // The key stays on the API, signed.
    assert.match(text, /URI="\.\.\/key\?t=/)

    const foreign = await fetch(play.masterUrl.replace('http://127.0.0.1:3333', base()), {
      headers: { referer: 'https://pirate.example/watch' },
    })
    assert.equal(foreign.status, 403)
    assert.equal(((await foreign.json()) as any).error.details.reason, 'referer')
    const app2 = await fetch(play.masterUrl.replace('http://127.0.0.1:3333', base()))
    assert.equal(app2.status, 200, 'apps and mini-programs send no Referer')
  }).timeout(90_000)
})
