import type { Rendition } from '@/api/playback'
import type { Quality } from '@/utils/player'

/** What every platform's video surface plays; the page owns these values. */
export interface VideoSurfaceProps {
  /** Signed master playlist; a new one (another episode, fresh signatures) loads from `startAt`. */
  masterUrl: string
  renditions: Rendition[]
  quality: Quality
  speed: number
  /** Seconds into the episode where a new `masterUrl` starts. */
  startAt: number
  poster: string | null
}

/**
 * Why a surface gave up. 'network': a playlist, key or segment did not load (expired signatures
 * among the causes: asking /play again helps); 'media': the stream did not decode;
 * 'unsupported': this browser plays no HLS.
 */
export type SurfaceFailure = 'network' | 'media' | 'unsupported'

// A type alias, not an interface: defineEmits wants a record of event tuples.
export type VideoSurfaceEmits = {
  /** Position and duration (seconds) as the player reports them while it plays or seeks. */
  time: [positionSec: number, durationSec: number]
  playing: []
  pause: []
  ended: []
  /** The rendition on screen, when the surface can tell; null when it cannot. */
  level: [label: string | null]
  failed: [reason: SurfaceFailure]
  /** The browser refused to start playing without a tap. */
  blocked: []
}

/** What the page may ask of a surface. */
export interface VideoSurfaceControls {
  seek(positionSec: number): void
  play(): void
  pause(): void
}
