import { describe, expect, it } from 'vitest'
import type { PreviewRendition } from '@/api/media'
import { createAppI18n } from '@/locales'
import { createPreviewPlayer, HLS_MIME, matchLevels, renditionByHeight, type HlsClass } from '@/utils/hlsPlayer'
import { formatBandwidth, formatBytes, MEDIA_ERROR_KEYS, MEDIA_INVALID_KEYS, mediaErrorKey } from '@/utils/media'
import { changedMarks, checkMarks, clampMark, formatTimecode, offsetToSec, secToPercent } from '@/utils/timeline'

describe('timeline math', () => {
  it('places seconds on the bar and reads them back from a pointer position', () => {
    expect(secToPercent(30, 120)).toBe(25)
    expect(secToPercent(-5, 120)).toBe(0)
    expect(secToPercent(500, 120)).toBe(100)
    expect(secToPercent(10, 0)).toBe(0)
    expect(offsetToSec(150, 600, 120)).toBe(30)
    // Whole seconds, rounded, never outside the video.
    expect(offsetToSec(152, 600, 120)).toBe(30)
    expect(offsetToSec(153, 600, 120)).toBe(31)
    expect(offsetToSec(-40, 600, 120)).toBe(0)
    expect(offsetToSec(900, 600, 120.7)).toBe(120)
    expect(offsetToSec(10, 0, 120)).toBe(0)
  })

  it('keeps the intro end before the outro start when a marker is dragged', () => {
    const marks = { introEndSec: 10, outroStartSec: 100 }
    expect(clampMark('introEndSec', 150, marks, 120)).toBe(99)
    expect(clampMark('introEndSec', -3, marks, 120)).toBe(0)
    expect(clampMark('introEndSec', 12.6, marks, 120)).toBe(13)
    expect(clampMark('outroStartSec', 5, marks, 120)).toBe(11)
    expect(clampMark('outroStartSec', 500, marks, 120)).toBe(120)
    expect(clampMark('introEndSec', 500, { introEndSec: 10, outroStartSec: null }, 120)).toBe(120)
    expect(clampMark('outroStartSec', 0, { introEndSec: null, outroStartSec: 100 }, 120)).toBe(0)
  })

  it('says what the server would refuse, under the field it would name', () => {
    expect(checkMarks({ introEndSec: 10, outroStartSec: 100 }, 120)).toEqual({})
    expect(checkMarks({ introEndSec: null, outroStartSec: null }, 120)).toEqual({})
    expect(checkMarks({ introEndSec: 50, outroStartSec: 50 }, 120)).toEqual({ outroStartSec: 'media.intro.errors.order' })
    expect(checkMarks({ introEndSec: 130, outroStartSec: null }, 120)).toEqual({ introEndSec: 'media.intro.errors.afterEnd' })
    expect(checkMarks({ introEndSec: 10, outroStartSec: 121 }, 120)).toEqual({ outroStartSec: 'media.intro.errors.afterEnd' })
    expect(checkMarks({ introEndSec: 2.5, outroStartSec: -1 }, 120)).toEqual({ introEndSec: 'media.intro.errors.whole', outroStartSec: 'media.intro.errors.whole' })
  })

  it('sends only the marks that changed, and formats them as timecodes', () => {
    expect(changedMarks({ introEndSec: 5, outroStartSec: 90 }, { introEndSec: 5, outroStartSec: 90 })).toEqual({})
    expect(changedMarks({ introEndSec: 5, outroStartSec: 90 }, { introEndSec: null, outroStartSec: 92 })).toEqual({ introEndSec: null, outroStartSec: 92 })
    expect([0, 5, 65, 3599, 3725, null].map(formatTimecode)).toEqual(['0:00', '0:05', '1:05', '59:59', '1:02:05', '—'])
  })
})

describe('media wording', () => {
  it('names every upload and media error in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { te } = createAppI18n(locale).global
      for (const key of [...Object.values(MEDIA_ERROR_KEYS), ...Object.values(MEDIA_INVALID_KEYS), 'media.errors.invalid.unknown', 'media.errors.server']) {
        expect(te(key), `${locale} ${key}`).toBe(true)
      }
    }
    const zh = createAppI18n('zh-CN').global.t
    const en = createAppI18n('en').global.t
    const key = (code: string, status: number, reason: string | null = null) => mediaErrorKey({ code, status, reason }) ?? ''
    expect(zh(key('MEDIA_INVALID', 422, 'not_video'))).toBe('文件不是有效的视频（可能只是改了扩展名）')
    expect(en(key('MEDIA_INVALID', 422, 'not_video'))).toBe('The file is not a video (perhaps only its extension was changed)')
    expect(zh(key('MEDIA_INVALID', 422, 'empty'))).toBe('文件为空（0 字节），请检查后重新选择')
    expect(zh(key('MEDIA_INVALID', 422, 'something_new'))).toBe('文件无法使用')
    expect(zh(key('UNSUPPORTED_MEDIA_TYPE', 415))).toMatch(/^不支持的文件类型/)
    expect(en(key('PAYLOAD_TOO_LARGE', 413))).toBe('The file is larger than allowed')
    expect(zh('media.errors.tooLargeMax', { max: formatBytes(2048 * 1024 * 1024) })).toBe('文件超过 2.0 GB 的大小上限')
    expect(key('HTTP_503', 503)).toBe('media.errors.server')
    // A code the admin has no words for keeps the server's message.
    expect(mediaErrorKey({ code: 'SOMETHING_ELSE', status: 409 })).toBeNull()
  })

  it('formats sizes and bitrates the way people read them', () => {
    expect([0, 812, 4300, 35.1 * 1024 * 1024, 1.25 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '812 B', '4.2 KB', '35.1 MB', '1.3 GB'])
    expect([2_022_000, 850_000].map(formatBandwidth)).toEqual(['2.0 Mbps', '850 kbps'])
  })
})

const RENDITIONS: PreviewRendition[] = [
  { label: '720p', width: 720, height: 1280, bandwidth: 2_022_000, url: 'https://media.test/v0/index.m3u8?sig=1' },
  { label: '480p', width: 480, height: 854, bandwidth: 1_059_000, url: 'https://media.test/v1/index.m3u8?sig=1' },
]

describe('the preview player', () => {
  it('finds the hls.js level of each rendition by frame size, else by the closest bitrate', () => {
    expect(
      matchLevels(RENDITIONS, [
        { width: 480, height: 854, bitrate: 1_000_000 },
        { width: 720, height: 1280, bitrate: 2_000_000 },
      ]),
    ).toEqual([1, 0])
    expect(
      matchLevels(RENDITIONS, [
        { width: 0, height: 0, bitrate: 1_100_000 },
        { width: 0, height: 0, bitrate: 2_100_000 },
      ]),
    ).toEqual([1, 0])
    expect(matchLevels(RENDITIONS, [])).toEqual([-1, -1])
    expect(renditionByHeight(RENDITIONS, 854)).toBe(1)
    expect(renditionByHeight(RENDITIONS, 0)).toBeNull()
    expect(renditionByHeight(RENDITIONS, 1080)).toBeNull()
  })

  it('plays natively where the browser plays HLS, switching renditions by their own playlists and keeping the position', async () => {
    const video = document.createElement('video')
    // The browser's answer (Safari says "maybe"); jsdom plays nothing.
    video.canPlayType = (type: string) => (type === HLS_MIME ? 'maybe' : '')
    video.load = () => undefined
    const levels: (number | null)[] = []
    const player = await createPreviewPlayer(video, { masterUrl: 'https://media.test/master.m3u8?sig=1', renditions: RENDITIONS }, { onLevel: (index) => levels.push(index) })
    expect(player?.engine).toBe('native')
    expect(video.src).toBe('https://media.test/master.m3u8?sig=1')

    video.currentTime = 12
    player?.select(1)
    expect(video.src).toBe(RENDITIONS[1]?.url)
    video.currentTime = 0
    video.dispatchEvent(new Event('loadedmetadata'))
    expect(video.currentTime).toBe(12)

    Object.defineProperty(video, 'videoHeight', { value: 854, configurable: true })
    video.dispatchEvent(new Event('resize'))
    expect(levels).toEqual([1])

    player?.select('auto')
    expect(video.src).toBe('https://media.test/master.m3u8?sig=1')
    player?.destroy()
    expect(video.hasAttribute('src')).toBe(false)
  })

  it('answers null where neither the browser nor hls.js can play HLS', async () => {
    const video = document.createElement('video')
    const unsupported = { isSupported: () => false } as unknown as HlsClass
    expect(await createPreviewPlayer(video, { masterUrl: 'https://media.test/master.m3u8', renditions: RENDITIONS }, {}, async () => unsupported)).toBeNull()
  })
})
