import { test } from '@japa/runner'
import {
  buildTranscode,
  planLadder,
  thumbnailsVtt,
  toArgs,
  spriteFor,
} from '#modules/media/services/ladder'
import { aliCdnTypeA, UrlSigner } from '#modules/playback/services/url_signer'

test.group('HLS ladder and command', () => {
  test('rungs by the short side, never upscaling', ({ assert }) => {
    assert.deepEqual(
      planLadder(1080, 1920, true).map((r) => `${r.label} ${r.width}x${r.height}`),
      ['1080p 1080x1920', '720p 720x1280', '480p 480x854']
    )
    assert.deepEqual(
      planLadder(1920, 1080, true).map((r) => `${r.width}x${r.height}`),
      ['1920x1080', '1280x720', '854x480']
    )
    assert.deepEqual(
      planLadder(720, 1280, false).map((r) => r.label),
      ['720p', '480p']
    )
    assert.deepEqual(
      planLadder(360, 640, true).map((r) => `${r.label} ${r.width}x${r.height}`),
      ['360p 360x640']
    )
    const [top] = planLadder(1080, 1920, true)
    assert.equal(top!.bandwidth, Math.round((3500 * 1.07 + 96) * 1000))
  })

  test('one ffmpeg: one decode split into every rendition, aligned 2 s GOPs, AES key info', ({
    assert,
  }) => {
    const rungs = planLadder(1080, 1920, true)
    const args = toArgs(
      buildTranscode({
        input: 'in.mp4',
        outputDir: 'out',
        keyInfoFile: 'k.info',
        rungs,
        fps: 25,
        hasAudio: true,
        durationSec: 30,
        poster: true,
        sprite: spriteFor(1080, 1920),
        fingerprint: true,
        watermark: { kind: 'text', text: "短剧:'Duanju'", position: 'bottom-right', opacity: 0.5 },
      })
    )
    assert.equal(args.filter((a) => a === '-i').length, 1, 'the source is read once')
    const graph = args[args.indexOf('-filter_complex') + 1]!
    assert.include(graph, 'split=5[r0][r1][r2][rp][rs]')
    assert.include(graph, "text='短剧Duanju'")
    assert.include(graph, 'x=w-tw-24:y=h-th-24')
    assert.deepEqual(args.slice(args.indexOf('-g'), args.indexOf('-g') + 4), [
      '-g',
      '50',
      '-keyint_min',
      '50',
    ])
    assert.equal(args[args.indexOf('-var_stream_map') + 1], 'v:0,a:0 v:1,a:1 v:2,a:2')
    assert.equal(args[args.indexOf('-hls_key_info_file') + 1], 'k.info')
    assert.include(args, 'chromaprint')
    const noAudio = toArgs(
      buildTranscode({
        input: 'a',
        outputDir: 'o',
        keyInfoFile: 'k',
        rungs: rungs.slice(1),
        fps: 30,
        hasAudio: false,
        durationSec: 5,
      })
    )
    assert.equal(noAudio[noAudio.indexOf('-var_stream_map') + 1], 'v:0 v:1')
    assert.notInclude(noAudio, '0:a:0')
  })

  test('thumbnail VTT cues point into 10x10 sprite sheets', ({ assert }) => {
    const vtt = thumbnailsVtt(205, spriteFor(1080, 1920), (n) => `sprite_${n}.jpg`)
    assert.match(
      vtt,
      /^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.000\nsprite_1\.jpg#xywh=0,0,160,284\n/
    )
    assert.include(vtt, '00:03:20.000 --> 00:03:22.000\nsprite_2.jpg#xywh=0,0,160,284')
    assert.include(vtt, '00:00:20.000 --> 00:00:22.000\nsprite_1.jpg#xywh=0,284,160,284')
  })
})

test.group('Playback URL signatures', () => {
  test('a token is bound to episode, subject, file and expiry', ({ assert }) => {
    const signer = new UrlSigner('secret')
    const grant = { episodeId: 7, subject: 'u42', exp: 2_000_000_000 }
    const t = signer.token(grant, 'master.m3u8')
    assert.deepEqual(signer.verify(7, 'master.m3u8', t, 1_900_000_000), { ok: true, grant })
    assert.deepEqual(signer.verify(8, 'master.m3u8', t, 1_900_000_000), {
      ok: false,
      reason: 'tampered',
    })
    assert.deepEqual(signer.verify(7, 'v0/index.m3u8', t, 1_900_000_000), {
      ok: false,
      reason: 'tampered',
    })
    assert.deepEqual(signer.verify(7, 'master.m3u8', t.replace('u42', 'u43'), 1_900_000_000), {
      ok: false,
      reason: 'tampered',
    })
    assert.deepEqual(signer.verify(7, 'master.m3u8', t, 2_000_000_001), {
      ok: false,
      reason: 'expired',
    })
    assert.deepEqual(new UrlSigner('other').verify(7, 'master.m3u8', t, 1_900_000_000), {
      ok: false,
      reason: 'tampered',
    })
    assert.deepEqual(signer.verify(7, 'master.m3u8', 'junk', 0), { ok: false, reason: 'malformed' })
  })

  test('Alibaba CDN type A matches the documented formula', ({ assert }) => {
    // md5("/video/standard/test.mp4-1444435200-0-0-aliyuncdnexp1234"), the documented sign string.
    const url = aliCdnTypeA('/video/standard/test.mp4', 'aliyuncdnexp1234', 1444435200, '0', '0')
    assert.equal(
      url,
      '/video/standard/test.mp4?auth_key=1444435200-0-0-23bf85053008f5c0e791667a313e28ce'
    )
  })
})
