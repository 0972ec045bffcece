import { http } from './http'

export const EPISODE_STATES = ['draft', 'processing', 'reviewing', 'ready', 'published', 'failed', 'rejected'] as const
export type EpisodeState = (typeof EPISODE_STATES)[number]

/**
 * An episode as the admin API returns it. `isFree` and `priceCoins` override the drama's rules
 * when not null: null means "as the drama says" (its free episodes and default price).
 */
export interface AdminEpisode {
  id: number
  dramaId: number
  number: number
  title: string | null
  durationSec: number
  isFree: boolean | null
  priceCoins: number | null
  introEndSec: number | null
  outroStartSec: number | null
  state: EpisodeState
  failureReason: string | null
  releaseAt: string | null
  publishedAt: string | null
}

export interface EpisodeInput {
  number?: number
  title?: string | null
  durationSec?: number
  isFree?: boolean | null
  priceCoins?: number | null
  introEndSec?: number | null
  outroStartSec?: number | null
  /** ISO instant; null: as soon as it is published. */
  releaseAt?: string | null
}

/** Episodes `from`..`to` (by number, inclusive). */
export interface EpisodeRange {
  from: number
  to: number
}

export interface BatchPricingInput extends EpisodeRange {
  /** null: back to the drama's default price; absent: unchanged. */
  priceCoins?: number | null
  /** null: back to the drama's free-episode rule; absent: unchanged. */
  isFree?: boolean | null
}

export interface ScheduleInput extends EpisodeRange {
  /** ISO instant, or null to release as soon as published. */
  releaseAt: string | null
}

export const EPISODE_NUMBER_MAX = 5000
export const EPISODE_TITLE_MAX = 100

const orNull = <T>(value: T | null | undefined): T | null => value ?? null

/** The server leaves unset columns out of a fresh episode; the table wants every field present. */
export function normalizeEpisode(raw: Partial<AdminEpisode> & Pick<AdminEpisode, 'id' | 'dramaId' | 'number' | 'state'>): AdminEpisode {
  return {
    id: raw.id,
    dramaId: raw.dramaId,
    number: raw.number,
    title: orNull(raw.title),
    durationSec: raw.durationSec ?? 0,
    isFree: orNull(raw.isFree),
    priceCoins: orNull(raw.priceCoins),
    introEndSec: orNull(raw.introEndSec),
    outroStartSec: orNull(raw.outroStartSec),
    state: raw.state,
    failureReason: orNull(raw.failureReason),
    releaseAt: orNull(raw.releaseAt),
    publishedAt: orNull(raw.publishedAt),
  }
}

function dramaEpisodesPath(dramaId: number | string, action = ''): string {
  return `/admin/v1/dramas/${encodeURIComponent(String(dramaId))}/episodes${action}`
}

function episodePath(id: number | string): string {
  return `/admin/v1/episodes/${encodeURIComponent(String(id))}`
}

/** Every episode of the drama, by number. */
export async function listEpisodes(dramaId: number | string): Promise<AdminEpisode[]> {
  const result = await http.get<{ data: AdminEpisode[] }>(dramaEpisodesPath(dramaId))
  return result.data.map(normalizeEpisode)
}

/** Without `number` the episode comes after the last one. 409 EPISODE_NUMBER_TAKEN; the dialog shows it. */
export async function createEpisode(dramaId: number | string, input: EpisodeInput = {}): Promise<AdminEpisode> {
  const result = await http.post<{ episode: AdminEpisode }>(dramaEpisodesPath(dramaId), input, { silent: true })
  return normalizeEpisode(result.episode)
}

/** Only the fields present change. The inline editors word the error themselves, so no toast. */
export async function updateEpisode(id: number | string, input: EpisodeInput): Promise<AdminEpisode> {
  const result = await http.patch<{ episode: AdminEpisode }>(episodePath(id), input, { silent: true })
  return normalizeEpisode(result.episode)
}

/** 409 EPISODE_PUBLISHED for a published episode; the caller words the error. */
export function deleteEpisode(id: number | string): Promise<void> {
  return http.delete<void>(episodePath(id), { silent: true })
}

/** Price and/or free flag for a range of episodes in one go; answers how many changed. */
export async function batchPriceEpisodes(dramaId: number | string, input: BatchPricingInput): Promise<number> {
  const result = await http.post<{ updated: number }>(dramaEpisodesPath(dramaId, '/pricing'), input, { silent: true })
  return result.updated
}

/** Release time for a range of episodes; answers how many changed. */
export async function scheduleEpisodes(dramaId: number | string, input: ScheduleInput): Promise<number> {
  const result = await http.post<{ updated: number }>(dramaEpisodesPath(dramaId, '/schedule'), input, { silent: true })
  return result.updated
}

/** Publishes every ready episode whose release time has come; answers how many went live. */
export async function publishReadyEpisodes(dramaId: number | string): Promise<number> {
  const result = await http.post<{ published: number }>(dramaEpisodesPath(dramaId, '/publish'))
  return result.published
}

/** `ids`: every episode of the drama in the new order; answers the list renumbered 1..n. */
export async function reorderEpisodes(dramaId: number | string, ids: number[]): Promise<AdminEpisode[]> {
  const result = await http.post<{ data: AdminEpisode[] }>(dramaEpisodesPath(dramaId, '/reorder'), { ids })
  return result.data.map(normalizeEpisode)
}
