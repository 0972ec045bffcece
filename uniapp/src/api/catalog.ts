import { request } from './request'

// Local shapes of the catalog module's transformers (docs/api.md, "Catalog") until the backend
// exports its response types.

export interface Category {
  id: number
  name: string
  nameEn: string | null
  slug: string
}

export type DramaStatus = 'ongoing' | 'completed'

/** Grid and list cards. */
export interface DramaCard {
  id: number
  title: string
  /** Absolute URL; null until an operator uploads a cover. */
  coverUrl: string | null
  tags: string[]
  status: DramaStatus
  plannedEpisodes: number
  /** 0–10 with one decimal; 0 means not rated. */
  rating: number
  editorPick: boolean
  isSponsored: boolean
  categories: { id: number; name: string; slug: string }[]
}

/** What the caller may watch; computed per viewer by the API. */
export type EpisodeAccess = 'free' | 'unlocked' | 'vip' | 'locked'

export interface Episode {
  id: number
  number: number
  title: string | null
  durationSec: number
  access: EpisodeAccess
  /** 0 for free episodes, else the coins one unlock costs. */
  priceCoins: number
}

export interface CastMember {
  name: string
  role?: string | null
}

export interface DramaDetail extends DramaCard {
  synopsis: string
  bannerUrl: string | null
  cast: CastMember[]
  region: string | null
  language: string | null
  freeEpisodes: number
  episodePriceCoins: number
  seriesPriceCoins: number | null
  publishedAt: string | null
  episodes: Episode[]
}

/** One page of a cursor-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export type DramaSort = 'hot' | 'new' | 'rating'
export const DRAMA_SORTS: readonly DramaSort[] = ['hot', 'new', 'rating']

export interface DramaListQuery {
  /** Category slug or id; empty for every category. */
  category?: string
  tag?: string
  sort?: DramaSort
  status?: DramaStatus
  limit?: number
  cursor?: string | null
}

export type RankingBoard = 'hot' | 'new' | 'completed' | 'rising'
export const RANKING_BOARDS: readonly RankingBoard[] = ['hot', 'new', 'completed', 'rising']

export interface RankingEntry {
  rank: number
  score: number
  drama: DramaCard
}

export interface Ranking {
  board: RankingBoard
  /** Where the API read the board: the rankings job's Redis sets, or computed on the database. */
  source: 'redis' | 'database'
  data: RankingEntry[]
}

/** The API caps lists at 100 and the search term at 50 characters. */
export const MAX_PAGE_SIZE = 100
export const SEARCH_MAX_LENGTH = 50

/** Drops empty parameters: uni.request would send `undefined` and `null` as text. */
function query(params: Record<string, string | number | null | undefined>): Record<string, string | number> {
  const result: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    result[key] = value
  }
  return result
}

export async function fetchCategories(): Promise<Category[]> {
  const body = await request<{ data: Category[] }>('/api/v1/categories')
  return body.data
}

export function listDramas(params: DramaListQuery = {}): Promise<Page<DramaCard>> {
  return request<Page<DramaCard>>('/api/v1/dramas', { data: query({ ...params }) })
}

/** Sent with the viewer's token: `episodes[].access` is computed for the caller. */
export function fetchDrama(id: number): Promise<DramaDetail> {
  return request<DramaDetail>(`/api/v1/dramas/${encodeURIComponent(String(id))}`)
}

export function fetchRanking(board: RankingBoard, limit?: number): Promise<Ranking> {
  return request<Ranking>(`/api/v1/rankings/${board}`, { data: query({ limit }) })
}

export function searchDramas(q: string, params: { limit?: number; cursor?: string | null } = {}): Promise<Page<DramaCard>> {
  return request<Page<DramaCard>>('/api/v1/search', { data: query({ q: q.trim(), ...params }) })
}
