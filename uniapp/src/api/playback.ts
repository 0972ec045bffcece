import { ApiError, request } from './request'

// Local shapes of the playback module's answers (docs/api.md, "Client playback") until the
// backend exports its response types.

/** One rung of the ladder; `url` is the signed media playlist of this rendition alone. */
export interface Rendition {
  /** "720p": the short side of the picture (720 wide for a 9:16 video). */
  label: string
  width: number
  height: number
  /** Bits per second, as in the master playlist. */
  bandwidth: number
  url: string
}

export type PlayAccess = 'free' | 'unlocked' | 'vip'

export interface PlayInfo {
  episodeId: number
  dramaId: number
  number: number
  access: PlayAccess
  /** Signed master playlist: every rendition, for players that choose by bandwidth. */
  masterUrl: string
  /** ISO 8601 instant after which the signed URLs stop working. */
  expiresAt: string
  renditions: Rendition[]
  posterUrl: string | null
  thumbnailsVttUrl: string | null
  durationSec: number
  introEndSec: number | null
  outroStartSec: number | null
  /** Where this viewer stopped last time; 0 for a first view. */
  resumeAtSec: number
  nextEpisodeId: number | null
}

export type ProgressEvent = 'heartbeat' | 'ended'

export interface ProgressReport {
  positionSec: number
  durationSec: number
  event: ProgressEvent
}

export interface ProgressAnswer {
  positionSec: number
  completed: boolean
}

/** What unlocking a locked episode costs (402 EPISODE_LOCKED `details`). */
export interface LockedEpisode {
  episodeId: number
  /** Coins for this episode; null when the answer names no price. */
  priceCoins: number | null
  /** Coins for every remaining episode of the drama at once; null when not offered. */
  seriesPriceCoins: number | null
}

/** Sent with the viewer's token (guests count): access and the resume position are per viewer. */
export function fetchPlay(episodeId: number): Promise<PlayInfo> {
  return request<PlayInfo>(`/api/v1/episodes/${encodeURIComponent(String(episodeId))}/play`)
}

export function reportProgress(episodeId: number, report: ProgressReport): Promise<ProgressAnswer> {
  return request<ProgressAnswer>(`/api/v1/episodes/${encodeURIComponent(String(episodeId))}/progress`, {
    method: 'POST',
    data: { ...report },
  })
}

function coins(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null
}

/** The unlock offer of a 402 EPISODE_LOCKED, or null for any other error. */
export function lockedEpisode(error: unknown, episodeId: number): LockedEpisode | null {
  if (!(error instanceof ApiError) || error.code !== 'EPISODE_LOCKED') return null
  const options = error.details?.unlockOptions
  const offer = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {}
  const id = error.details?.episodeId
  return {
    episodeId: typeof id === 'number' && Number.isSafeInteger(id) ? id : episodeId,
    priceCoins: coins(offer.priceCoins),
    seriesPriceCoins: coins(offer.seriesPriceCoins),
  }
}
