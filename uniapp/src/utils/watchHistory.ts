/**
 * What the viewer watched on this device: the last episode opened per drama (for 继续观看 on the
 * drama page) and the player's 跳过片头片尾 switch. Positions inside an episode are the API's
 * (`resumeAtSec`); this only remembers which episode.
 */

export const WATCH_HISTORY_KEY = 'duanju.watchHistory'
export const WATCH_HISTORY_MAX = 100
export const SKIP_INTRO_OUTRO_KEY = 'duanju.player.skipIntroOutro'

export interface WatchedEpisode {
  dramaId: number
  episodeId: number
  number: number
  /** Watched to the end (or to the skipped outro). */
  finished: boolean
  /** ms since epoch */
  at: number
}

function isWatchedEpisode(value: unknown): value is WatchedEpisode {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    Number.isSafeInteger(entry.dramaId) &&
    Number.isSafeInteger(entry.episodeId) &&
    Number.isSafeInteger(entry.number) &&
    typeof entry.finished === 'boolean' &&
    typeof entry.at === 'number'
  )
}

/** The stored history, newest first; anything damaged is ignored. */
export function readWatchHistory(): WatchedEpisode[] {
  const stored: unknown = uni.getStorageSync(WATCH_HISTORY_KEY)
  return Array.isArray(stored) ? stored.filter(isWatchedEpisode).slice(0, WATCH_HISTORY_MAX) : []
}

/** The history with `entry` as the drama's newest record, at most WATCH_HISTORY_MAX dramas. */
export function withWatched(history: readonly WatchedEpisode[], entry: WatchedEpisode): WatchedEpisode[] {
  return [entry, ...history.filter((item) => item.dramaId !== entry.dramaId)].slice(0, WATCH_HISTORY_MAX)
}

export function rememberWatched(entry: Omit<WatchedEpisode, 'at'>, now: number = Date.now()): void {
  uni.setStorageSync(WATCH_HISTORY_KEY, withWatched(readWatchHistory(), { ...entry, at: now }))
}

export function lastWatched(dramaId: number): WatchedEpisode | null {
  return readWatchHistory().find((entry) => entry.dramaId === dramaId) ?? null
}

export interface PlayTarget {
  episodeId: number
  number: number
  /** 继续观看 (the viewer has been here before) rather than a first 播放. */
  resume: boolean
}

/**
 * Which episode the drama page's play button opens: the one watched last (the next one when it
 * was finished), else the first. An episode no longer listed falls back to the first.
 */
export function playTarget(episodes: readonly { id: number; number: number }[], last: WatchedEpisode | null): PlayTarget | null {
  const sorted = [...episodes].sort((a, b) => a.number - b.number)
  const first = sorted[0]
  if (!first) return null
  const index = last ? sorted.findIndex((episode) => episode.id === last.episodeId) : -1
  if (!last || index < 0) return { episodeId: first.id, number: first.number, resume: false }
  const target = last.finished ? (sorted[index + 1] ?? sorted[index]) : sorted[index]
  return target ? { episodeId: target.id, number: target.number, resume: true } : null
}

/** 跳过片头片尾: on unless the viewer turned it off on this device. */
export function skipIntroOutroEnabled(): boolean {
  const stored: unknown = uni.getStorageSync(SKIP_INTRO_OUTRO_KEY)
  return stored !== false
}

export function setSkipIntroOutro(on: boolean): void {
  uni.setStorageSync(SKIP_INTRO_OUTRO_KEY, on)
}
