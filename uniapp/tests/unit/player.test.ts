import { describe, expect, it } from 'vitest'
import type { Rendition } from '@/api/playback'
import {
  chooseHlsEngine,
  compareVersions,
  initialQuality,
  isAppleWebKit,
  levelIndex,
  levelLabel,
  nearestSpeed,
  PLAYER_SPEEDS,
  qualityOptions,
  renditionFor,
  sortRenditions,
  sourceUrl,
  supportedSpeeds,
} from '@/utils/player'

const rendition = (label: string, width: number, height: number, bandwidth: number): Rendition => ({
  label,
  width,
  height,
  bandwidth,
  url: `https://cdn.example.com/e/1/${label}/index.m3u8?sig=${label}`,
})

// Portrait 9:16, as the ladder names them: by the short side.
const r1080 = rendition('1080p', 1080, 1920, 4_500_000)
const r720 = rendition('720p', 720, 1280, 2_500_000)
const r480 = rendition('480p', 480, 854, 1_000_000)
const info = { masterUrl: 'https://cdn.example.com/e/1/master.m3u8?sig=m', renditions: [r480, r1080, r720] }

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2148A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MicroMessenger/8.0.49',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
}

describe('speeds', () => {
  it('offers 0.5x to 3x on H5', () => {
    expect(supportedSpeeds('h5')).toEqual([0.5, 0.75, 1, 1.25, 1.5, 2, 3])
    expect(supportedSpeeds('h5')).toEqual([...PLAYER_SPEEDS])
  })

  it('offers the rates WeChat plays, by base library: 0.8x instead of 0.75x, 2x from 2.6.3, 3x from 3.7.5', () => {
    expect(supportedSpeeds('mp-weixin', '2.5.0')).toEqual([0.5, 0.8, 1, 1.25, 1.5])
    expect(supportedSpeeds('mp-weixin', '2.6.3')).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2])
    expect(supportedSpeeds('mp-weixin', '3.7.4')).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2])
    expect(supportedSpeeds('mp-weixin', '3.7.5')).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2, 3])
    expect(supportedSpeeds('mp-weixin', '3.10.0')).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2, 3])
    // Unknown base library: only what every version plays.
    expect(supportedSpeeds('mp-weixin', '')).toEqual([0.5, 0.8, 1, 1.25, 1.5])
  })

  it('offers up to 2x in the app', () => {
    expect(supportedSpeeds('app')).toEqual([0.5, 0.8, 1, 1.25, 1.5, 2])
  })

  it('compares dotted versions numerically', () => {
    expect(compareVersions('2.10.0', '2.9.9')).toBe(1)
    expect(compareVersions('3.7.5', '3.7.5')).toBe(0)
    expect(compareVersions('3.7', '3.7.5')).toBe(-1)
    expect(compareVersions('3.7.5.1', '3.7.5')).toBe(1)
  })

  it('maps a saved or unavailable speed to the nearest offered one', () => {
    const mp = supportedSpeeds('mp-weixin', '2.6.3')
    expect(nearestSpeed(0.75, mp)).toBe(0.8)
    expect(nearestSpeed(3, mp)).toBe(2)
    expect(nearestSpeed(1.25, mp)).toBe(1.25)
    // The settings page allows 1.75x; H5 has 1.5x and 2x, equally near: the one nearer 1x.
    expect(nearestSpeed(1.75, supportedSpeeds('h5'))).toBe(1.5)
    expect(nearestSpeed(2.75, supportedSpeeds('h5'))).toBe(3)
    expect(nearestSpeed(Number.NaN, mp)).toBe(1)
    expect(nearestSpeed(1.5, [])).toBe(1)
  })
})

describe('renditions', () => {
  it('sorts the best first and lists 自动 before every label', () => {
    expect(sortRenditions(info.renditions).map((r) => r.label)).toEqual(['1080p', '720p', '480p'])
    expect(qualityOptions(info.renditions)).toEqual(['auto', '1080p', '720p', '480p'])
    expect(qualityOptions([])).toEqual(['auto'])
  })

  it('starts with the preferred quality when the episode has it', () => {
    expect(initialQuality(info.renditions, '720p')).toBe('720p')
    expect(initialQuality(info.renditions, 'auto')).toBe('auto')
    expect(initialQuality(info.renditions, undefined)).toBe('auto')
  })

  it('never picks more than preferred: the best rendition below it, else the smallest', () => {
    // A 720p upload has no 1080p rung (the ladder never upscales).
    expect(initialQuality([r720, r480], '1080p')).toBe('720p')
    expect(initialQuality([r1080, r720], '480p')).toBe('720p')
    expect(initialQuality([r1080, r480], '720p')).toBe('480p')
    expect(initialQuality([], '720p')).toBe('auto')
    expect(initialQuality(info.renditions, 'best')).toBe('auto')
  })

  it('plays the master playlist for 自动 and the rendition playlist for a fixed quality', () => {
    expect(sourceUrl(info, 'auto')).toBe(info.masterUrl)
    expect(sourceUrl(info, '480p')).toBe(r480.url)
    expect(sourceUrl(info, '360p')).toBe(info.masterUrl)
    expect(renditionFor(info.renditions, 'auto')).toBeNull()
    expect(renditionFor(info.renditions, '720p')).toBe(r720)
  })

  it('finds the hls.js level of a rendition by size, then by short side', () => {
    // hls.js lists levels in master playlist order (by bandwidth, lowest first).
    const levels = [
      { width: 480, height: 854, bitrate: 1_000_000 },
      { width: 720, height: 1280, bitrate: 2_500_000 },
    ]
    expect(levelIndex(levels, r720)).toBe(1)
    expect(levelIndex(levels, r480)).toBe(0)
    expect(levelIndex(levels, null)).toBe(-1)
    expect(levelIndex(levels, r1080)).toBe(-1)
    expect(levelIndex([{ width: 720, height: 1278 }], r720)).toBe(0)
    expect(levelIndex([{ bitrate: 1 }], r720)).toBe(-1)
  })

  it('names the level on screen after its rendition', () => {
    expect(levelLabel({ width: 480, height: 854 }, info.renditions)).toBe('480p')
    expect(levelLabel({ width: 720, height: 1278 }, info.renditions)).toBe('720p')
    expect(levelLabel({ width: 360, height: 640 }, info.renditions)).toBe('360p')
    expect(levelLabel(undefined, info.renditions)).toBeNull()
    expect(levelLabel({ width: 0, height: 0 }, info.renditions)).toBeNull()
  })
})

describe('HLS engine on H5', () => {
  it('uses hls.js where Media Source plays H.264, even when Chromium answers canPlayType', () => {
    expect(chooseHlsEngine({ nativeHls: 'maybe', mse: true, userAgent: UA.chromeLinux })).toBe('hlsjs')
    expect(chooseHlsEngine({ nativeHls: '', mse: true, userAgent: UA.chromeAndroid })).toBe('hlsjs')
    expect(chooseHlsEngine({ nativeHls: '', mse: true, userAgent: UA.wechatAndroid })).toBe('hlsjs')
    expect(chooseHlsEngine({ nativeHls: '', mse: true, userAgent: UA.firefox })).toBe('hlsjs')
  })

  it("uses Apple's own HLS player in Safari and every iOS browser", () => {
    expect(chooseHlsEngine({ nativeHls: 'maybe', mse: true, userAgent: UA.safariMac })).toBe('native')
    expect(chooseHlsEngine({ nativeHls: 'maybe', mse: false, userAgent: UA.iphone })).toBe('native')
    expect(chooseHlsEngine({ nativeHls: 'maybe', mse: true, userAgent: UA.chromeIphone })).toBe('native')
    // iPadOS asks for the desktop site: a Mac with a touch screen.
    expect(chooseHlsEngine({ nativeHls: 'probably', mse: true, userAgent: UA.safariMac, maxTouchPoints: 5 })).toBe('native')
  })

  it('falls back to native HLS without Media Source, and to nothing without either', () => {
    expect(chooseHlsEngine({ nativeHls: 'maybe', mse: false, userAgent: UA.chromeAndroid })).toBe('native')
    expect(chooseHlsEngine({ nativeHls: '', mse: false, userAgent: UA.firefox })).toBe('none')
  })

  it('tells Apple WebKit from Chromium, whose user agents both say Safari', () => {
    expect(isAppleWebKit(UA.safariMac)).toBe(true)
    expect(isAppleWebKit(UA.iphone)).toBe(true)
    expect(isAppleWebKit(UA.chromeLinux)).toBe(false)
    expect(isAppleWebKit(UA.wechatAndroid)).toBe(false)
    expect(isAppleWebKit('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36')).toBe(false)
  })
})
