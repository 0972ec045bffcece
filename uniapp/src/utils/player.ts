import type { Rendition } from '@/api/playback'
import { buildTarget, type BuildTarget } from './device'

/** The speeds the player offers where the platform plays any rate (H5). */
export const PLAYER_SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const

/**
 * Rates `VideoContext.playbackRate` accepts: WeChat takes 0.5/0.8/1.0/1.25/1.5, 2.0 from base
 * library 2.6.3 and 3.0 from 3.7.5; uni-app's app video takes 0.5–2.0 in the same steps. Another
 * rate is ignored there, so these platforms offer 0.8x in place of 0.75x and 3x only where it works.
 */
const NATIVE_SPEEDS = [0.5, 0.8, 1, 1.25, 1.5] as const

/** Compares dotted version numbers ("2.10.1" > "2.9.9"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0)
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0)
    if (difference !== 0) return Math.sign(difference)
  }
  return 0
}

/** The speeds this build can play. `sdkVersion` is the WeChat base library (mp-weixin only). */
export function supportedSpeeds(target: BuildTarget, sdkVersion = ''): number[] {
  if (target === 'h5') return [...PLAYER_SPEEDS]
  if (target === 'app') return [...NATIVE_SPEEDS, 2]
  const speeds: number[] = [...NATIVE_SPEEDS]
  if (compareVersions(sdkVersion, '2.6.3') >= 0) speeds.push(2)
  if (compareVersions(sdkVersion, '3.7.5') >= 0) speeds.push(3)
  return speeds
}

/** The speeds this build's video can play (the WeChat base library decides in the mini-program). */
export function playbackSpeeds(): number[] {
  const target = buildTarget()
  const info = target === 'mp-weixin' ? (uni.getSystemInfoSync() as { SDKVersion?: string }) : {}
  return supportedSpeeds(target, info.SDKVersion ?? '')
}

/**
 * The offered speed closest to `speed` (a saved setting such as 1.75x, or 0.75x on a platform
 * that plays 0.8x); a tie goes to the one nearer normal speed.
 */
export function nearestSpeed(speed: number, speeds: readonly number[]): number {
  if (speeds.length === 0 || !Number.isFinite(speed)) return 1
  let best = speeds[0] ?? 1
  for (const candidate of speeds) {
    const gain = Math.abs(candidate - speed) - Math.abs(best - speed)
    if (gain < -1e-9 || (Math.abs(gain) <= 1e-9 && Math.abs(candidate - 1) < Math.abs(best - 1))) best = candidate
  }
  return best
}

/** "自动" or a rendition label ("720p"). */
export type Quality = 'auto' | (string & {})

/** The side the ladder is named after: the width of a portrait video. */
export function shortSide(size: { width: number; height: number }): number {
  return Math.min(size.width, size.height)
}

/** Best first: larger picture, then higher bitrate. */
export function sortRenditions(renditions: readonly Rendition[]): Rendition[] {
  return [...renditions].sort((a, b) => shortSide(b) - shortSide(a) || b.bandwidth - a.bandwidth)
}

/** The quality menu: 自动, then every rendition, best first, each label once. */
export function qualityOptions(renditions: readonly Rendition[]): Quality[] {
  const labels = sortRenditions(renditions).map((rendition) => rendition.label)
  return ['auto', ...new Set(labels)]
}

function labelHeight(label: string): number | null {
  const match = /^(\d{3,4})p$/i.exec(label.trim())
  return match ? Number(match[1]) : null
}

/**
 * The quality to start an episode with, from the viewer's preference ("auto", "720p", ...): that
 * rendition when the episode has it, else the best one not above it (never more data than the
 * viewer asked for), else the smallest one.
 */
export function initialQuality(renditions: readonly Rendition[], preferred: string | null | undefined): Quality {
  if (!preferred || preferred === 'auto' || renditions.length === 0) return 'auto'
  const sorted = sortRenditions(renditions)
  const exact = sorted.find((rendition) => rendition.label === preferred)
  if (exact) return exact.label
  const cap = labelHeight(preferred)
  if (cap === null) return 'auto'
  const fitting = sorted.find((rendition) => shortSide(rendition) <= cap)
  return (fitting ?? sorted[sorted.length - 1])?.label ?? 'auto'
}

/** The rendition a quality names, or null for 自动 (and for a label the episode does not have). */
export function renditionFor(renditions: readonly Rendition[], quality: Quality): Rendition | null {
  if (quality === 'auto') return null
  return renditions.find((rendition) => rendition.label === quality) ?? null
}

/**
 * What a player without level control plays (mini-program and app `<video>`, native HLS): the
 * master playlist for 自动, the rendition's own playlist for a fixed quality.
 */
export function sourceUrl(info: { masterUrl: string; renditions: readonly Rendition[] }, quality: Quality): string {
  return renditionFor(info.renditions, quality)?.url ?? info.masterUrl
}

/** A level of hls.js, as far as it matters here. */
export interface LevelLike {
  width?: number
  height?: number
  bitrate?: number
}

/**
 * The hls.js level index that plays a rendition: same picture size, else same short side (a
 * playlist that rounds the size differently); -1 (automatic) for none.
 */
export function levelIndex(levels: readonly LevelLike[], rendition: Rendition | null): number {
  if (!rendition) return -1
  const exact = levels.findIndex((level) => level.width === rendition.width && level.height === rendition.height)
  if (exact >= 0) return exact
  return levels.findIndex((level) => level.width !== undefined && level.height !== undefined && shortSide({ width: level.width, height: level.height }) === shortSide(rendition))
}

/** The label of the rendition a level plays, for showing which quality 自动 picked. */
export function levelLabel(level: LevelLike | undefined, renditions: readonly Rendition[]): string | null {
  if (!level?.width || !level.height) return null
  const size = { width: level.width, height: level.height }
  const match =
    renditions.find((rendition) => rendition.width === size.width && rendition.height === size.height) ??
    renditions.find((rendition) => shortSide(rendition) === shortSide(size))
  return match?.label ?? `${shortSide(size)}p`
}

export type HlsEngine = 'hlsjs' | 'native' | 'none'

export interface HlsEnvironment {
  /** `video.canPlayType('application/vnd.apple.mpegurl')`. */
  nativeHls: string
  /** Media Source Extensions can play H.264/AAC (what hls.js needs). */
  mse: boolean
  userAgent: string
  /** `navigator.maxTouchPoints`: iPadOS reports itself as a Mac, with touch. */
  maxTouchPoints?: number
}

/** Safari and every iOS browser (all WebKit): their own HLS player is the one to use. */
export function isAppleWebKit(userAgent: string, maxTouchPoints = 0): boolean {
  if (/iP(hone|od|ad)/.test(userAgent)) return true
  if (/Macintosh/.test(userAgent) && maxTouchPoints > 1) return true
  return /Safari\//.test(userAgent) && /Version\//.test(userAgent) && !/Chrome\/|Chromium\/|Android|Edg\//.test(userAgent)
}

/**
 * How H5 plays HLS. Apple's browsers play it natively (and without Media Source on iPhones before
 * iOS 17.1). Elsewhere hls.js on Media Source, even where the browser answers canPlayType:
 * Chromium has done so since its own HLS player, which offers no resolution control. Native
 * playback is the fallback without Media Source.
 */
export function chooseHlsEngine(env: HlsEnvironment): HlsEngine {
  const native = env.nativeHls !== ''
  if (native && (isAppleWebKit(env.userAgent, env.maxTouchPoints) || !env.mse)) return 'native'
  if (env.mse) return 'hlsjs'
  return 'none'
}
