import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchPlay, lockedEpisode, reportProgress, type PlayInfo } from '@/api/playback'
import { ApiError, onUnauthorized } from '@/api/request'
import { translate, type MessageKey } from '@/locale'
import { errorMessage } from '@/utils/errors'
import { setToken } from '@/utils/token'
import { startApiServer, type ApiServer } from './support/api-server'
import { preprocessSfcFor } from './support/conditional-compilation'
import { installUni } from './support/uni'

let api: ApiServer

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-Hans', key, params)

const PLAY: PlayInfo = {
  episodeId: 7,
  dramaId: 3,
  number: 2,
  access: 'free',
  masterUrl: 'https://cdn.example.com/hls/7/master.m3u8?exp=1&sig=a',
  expiresAt: '2026-11-21T12:00:00.000Z',
  renditions: [
    { label: '720p', width: 720, height: 1280, bandwidth: 2_500_000, url: 'https://cdn.example.com/hls/7/720p/index.m3u8?exp=1&sig=b' },
    { label: '480p', width: 480, height: 854, bandwidth: 1_000_000, url: 'https://cdn.example.com/hls/7/480p/index.m3u8?exp=1&sig=c' },
  ],
  posterUrl: null,
  thumbnailsVttUrl: null,
  durationSec: 4,
  introEndSec: null,
  outroStartSec: null,
  resumeAtSec: 0,
  nextEpisodeId: 8,
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

beforeEach(async () => {
  api = await startApiServer()
  installUni()
  vi.stubEnv('VITE_API_BASE', api.url)
  onUnauthorized(null)
  setToken('viewer-token')
})

afterEach(async () => {
  await api.close()
})

describe('GET /api/v1/episodes/:id/play', () => {
  it("returns the episode's signed playlists with the viewer's token", async () => {
    api.route('GET /api/v1/episodes/7/play', () => ({ status: 200, body: PLAY }))
    expect(await fetchPlay(7)).toEqual(PLAY)
    const [call] = api.callsTo('GET', '/api/v1/episodes/7/play')
    expect(call?.authorization).toBe('Bearer viewer-token')
  })

  it('turns 402 EPISODE_LOCKED into the unlock offer', async () => {
    api.route('GET /api/v1/episodes/9/play', () => ({
      status: 402,
      body: { error: { code: 'EPISODE_LOCKED', message: 'Episode is locked', details: { episodeId: 9, unlockOptions: { priceCoins: 60, seriesPriceCoins: 900, methods: ['coins'] } } } },
    }))
    const error = await caught(fetchPlay(9))
    expect(error.status).toBe(402)
    expect(lockedEpisode(error, 9)).toEqual({ episodeId: 9, priceCoins: 60, seriesPriceCoins: 900 })
    expect(errorMessage(error, zh)).toBe('本集需解锁后观看')
  })

  it('reads an offer without prices as unknown prices, and other errors as no offer', async () => {
    api.route('GET /api/v1/episodes/9/play', () => ({ status: 402, body: { error: { code: 'EPISODE_LOCKED', message: 'Episode is locked' } } }))
    expect(lockedEpisode(await caught(fetchPlay(9)), 9)).toEqual({ episodeId: 9, priceCoins: null, seriesPriceCoins: null })
    api.route('GET /api/v1/episodes/10/play', () => ({ status: 409, body: { error: { code: 'MEDIA_NOT_READY', message: 'Media is not ready' } } }))
    const notReady = await caught(fetchPlay(10))
    expect(notReady.code).toBe('MEDIA_NOT_READY')
    expect(lockedEpisode(notReady, 10)).toBeNull()
    expect(errorMessage(notReady, zh)).toBe('视频处理中，请稍后再试')
    expect(lockedEpisode(new Error('boom'), 10)).toBeNull()
  })
})

describe('POST /api/v1/episodes/:id/progress', () => {
  it('sends the position, duration and event as JSON', async () => {
    api.route('POST /api/v1/episodes/7/progress', (request) => ({ status: 200, body: { positionSec: (request.body as { positionSec: number }).positionSec, completed: false } }))
    expect(await reportProgress(7, { positionSec: 12, durationSec: 90, event: 'heartbeat' })).toEqual({ positionSec: 12, completed: false })
    const [call] = api.callsTo('POST', '/api/v1/episodes/7/progress')
    expect(call?.body).toEqual({ positionSec: 12, durationSec: 90, event: 'heartbeat' })
    expect(call?.contentType).toMatch(/^application\/json/)
    expect(call?.authorization).toBe('Bearer viewer-token')
  })
})

describe('the video surface per build', () => {
  const file = new URL('../../src/components/player/PlayerVideo.vue', import.meta.url)

  it('compiles hls.js into H5 only, and uni <video> everywhere else', async () => {
    const source = await readFile(file, 'utf8')
    const h5 = preprocessSfcFor('h5', source, file.pathname)
    expect(h5).toContain("import HlsVideo from './HlsVideo.vue'")
    expect(h5).toMatch(/<HlsVideo\s/)
    expect(h5).not.toContain('NativeVideo')
    for (const platform of ['mp-weixin', 'app'] as const) {
      const native = preprocessSfcFor(platform, source, file.pathname)
      expect(native).toContain("import NativeVideo from './NativeVideo.vue'")
      expect(native).toMatch(/<NativeVideo\s/)
      expect(native).not.toContain('HlsVideo')
    }
  })
})
