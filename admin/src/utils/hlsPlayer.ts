import type HlsType from 'hls.js'
import type { PreviewRendition } from '@/api/media'

/**
 * The preview player: a <video> playing the signed master playlist, natively where the browser
 * plays HLS itself (Safari), else through hls.js (loaded only when a preview opens). Either way
 * the admin can pin one rendition or go back to automatic choice: hls.js switches levels; a
 * native player is pointed at that rendition's own playlist.
 */

export type HlsClass = typeof HlsType

export const HLS_MIME = 'application/vnd.apple.mpegurl'

/** `auto`, or the index of a rendition in the preview's list. */
export type LevelChoice = 'auto' | number

export interface PreviewSource {
  masterUrl: string
  renditions: readonly PreviewRendition[]
}

export interface PreviewPlayerEvents {
  /** The rendition now on screen (index into the renditions), null while unknown. */
  onLevel?(index: number | null): void
  /** Playback gave up (hls.js's error details, e.g. "manifestLoadError"). */
  onError?(details: string): void
}

export interface PreviewPlayer {
  readonly engine: 'native' | 'hls.js'
  select(choice: LevelChoice): void
  destroy(): void
}

interface LevelLike {
  width: number
  height: number
  bitrate: number
}

/** For each rendition, the hls.js level showing it: same frame size, else the closest bitrate (-1: no levels). */
export function matchLevels(renditions: readonly PreviewRendition[], levels: readonly LevelLike[]): number[] {
  return renditions.map((rendition) => {
    const exact = levels.findIndex((level) => level.width === rendition.width && level.height === rendition.height)
    if (exact >= 0) return exact
    let best = -1
    levels.forEach((level, index) => {
      const current = levels[best]
      if (!current || Math.abs(level.bitrate - rendition.bandwidth) < Math.abs(current.bitrate - rendition.bandwidth)) best = index
    })
    return best
  })
}

/** The rendition whose frame the video shows, by its height (what a native player tells). */
export function renditionByHeight(renditions: readonly PreviewRendition[], height: number): number | null {
  if (height <= 0) return null
  const index = renditions.findIndex((rendition) => rendition.height === height)
  return index >= 0 ? index : null
}

export function playsHlsNatively(video: HTMLVideoElement): boolean {
  return video.canPlayType(HLS_MIME) !== ''
}

function nativePlayer(video: HTMLVideoElement, source: PreviewSource, events: PreviewPlayerEvents): PreviewPlayer {
  const onResize = () => events.onLevel?.(renditionByHeight(source.renditions, video.videoHeight))
  video.addEventListener('resize', onResize)
  video.src = source.masterUrl
  return {
    engine: 'native',
    select(choice) {
      const url = choice === 'auto' ? source.masterUrl : source.renditions[choice]?.url
      if (!url || url === video.currentSrc) return
      // A new source starts from 0 and paused: carry the position and the playing state over.
      const at = video.currentTime
      const playing = !video.paused
      video.src = url
      video.addEventListener(
        'loadedmetadata',
        () => {
          video.currentTime = at
          if (playing) void video.play().catch(() => undefined)
        },
        { once: true },
      )
    },
    destroy() {
      video.removeEventListener('resize', onResize)
      video.removeAttribute('src')
      video.load()
    },
  }
}

function hlsPlayer(Hls: HlsClass, video: HTMLVideoElement, source: PreviewSource, events: PreviewPlayerEvents): PreviewPlayer {
  const hls = new Hls({ capLevelToPlayerSize: false })
  let levelOf: number[] = []
  let pending: LevelChoice | null = null
  let networkRetries = 0
  let mediaRecoveries = 0
  const apply = (choice: LevelChoice) => {
    // -1 hands the choice back to hls.js's bandwidth estimate.
    hls.currentLevel = choice === 'auto' ? -1 : (levelOf[choice] ?? -1)
  }
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    levelOf = matchLevels(source.renditions, hls.levels)
    if (pending !== null) apply(pending)
  })
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
    const index = levelOf.indexOf(data.level)
    events.onLevel?.(index >= 0 ? index : null)
  })
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 2) {
      hls.startLoad()
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 1) {
      hls.recoverMediaError()
    } else {
      events.onError?.(data.details)
      hls.destroy()
    }
  })
  hls.loadSource(source.masterUrl)
  hls.attachMedia(video)
  return {
    engine: 'hls.js',
    select(choice) {
      if (levelOf.length === 0) pending = choice
      else apply(choice)
    },
    destroy() {
      hls.destroy()
    },
  }
}

/** Plays `source` in `video`; null when this browser can play HLS neither way. */
export async function createPreviewPlayer(
  video: HTMLVideoElement,
  source: PreviewSource,
  events: PreviewPlayerEvents = {},
  loadHls: () => Promise<HlsClass> = async () => (await import('hls.js')).default,
): Promise<PreviewPlayer | null> {
  if (playsHlsNatively(video)) return nativePlayer(video, source, events)
  const Hls = await loadHls()
  return Hls.isSupported() ? hlsPlayer(Hls, video, source, events) : null
}
