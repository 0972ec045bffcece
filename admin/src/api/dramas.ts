import { compactQuery, http, type NumberedPage } from './http'

export const DRAMA_STATES = ['draft', 'reviewing', 'published', 'unpublished', 'rejected'] as const
export type DramaState = (typeof DRAMA_STATES)[number]

/** 连载 / 完结: whether more episodes are coming. */
export const DRAMA_STATUSES = ['ongoing', 'completed'] as const
export type DramaStatus = (typeof DRAMA_STATUSES)[number]

export type DramaImageKind = 'cover' | 'banner'

export interface CastMember {
  name: string
  role?: string
}

export interface DramaCategoryRef {
  id: number
  name: string
  slug: string
}

/** A drama as the admin API returns it. `rating` is in tenths (0–100); money is whole coins. */
export interface AdminDrama {
  id: number
  title: string
  synopsis: string
  coverUrl: string | null
  bannerUrl: string | null
  tags: string[]
  cast: CastMember[]
  categories: DramaCategoryRef[]
  region: string | null
  language: string
  status: DramaStatus
  plannedEpisodes: number
  freeEpisodes: number
  episodePriceCoins: number
  seriesPriceCoins: number | null
  isSponsored: boolean
  rating: number
  sortWeight: number
  editorPick: boolean
  hotScore: number
  state: DramaState
  reviewNote: string | null
  reviewedAt: string | null
  /** Set while a reviewed drama waits for its scheduled publication. */
  publishAt: string | null
  publishedAt: string | null
  /** Only in lists. */
  episodeCount?: number
  createdAt: string | null
  updatedAt: string | null
}

export interface DramaInput {
  title: string
  synopsis: string
  categoryIds?: number[]
  tags?: string[]
  cast?: CastMember[]
  region?: string | null
  language?: string
  status?: DramaStatus
  plannedEpisodes?: number
  freeEpisodes?: number
  episodePriceCoins?: number
  seriesPriceCoins?: number | null
  isSponsored?: boolean
  /** Tenths, 0–100. */
  rating?: number
  sortWeight?: number
  editorPick?: boolean
}

export interface DramaFilters {
  /** Title, tag or cast name (contains). */
  q?: string
  state?: DramaState | ''
  categoryId?: number | string | ''
}

export interface PageNumberRequest {
  page?: number
  limit?: number
}

export const DRAMA_LIMITS = {
  title: 100,
  synopsis: 2000,
  categories: 10,
  tags: 12,
  tag: 16,
  cast: 30,
  castName: 32,
  castRole: 32,
  region: 32,
  language: 16,
  episodes: 2000,
  coins: 100_000,
  sortWeight: 10_000,
} as const

/** Cover and banner files: what the server accepts, checked before the upload starts. */
export const DRAMA_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const DRAMA_IMAGE_MAX_BYTES = 5 * 1024 * 1024

export function dramasQuery(filters: DramaFilters, page: PageNumberRequest = {}) {
  return compactQuery({
    q: filters.q,
    state: filters.state,
    categoryId: filters.categoryId === '' ? undefined : filters.categoryId,
    page: page.page,
    limit: page.limit,
  })
}

function dramaPath(id: number | string, action = ''): string {
  return `/admin/v1/dramas/${encodeURIComponent(String(id))}${action}`
}

/** Newest first, a page at a time (`meta` says how many there are in all). */
export function listDramas(filters: DramaFilters, page: PageNumberRequest = {}): Promise<NumberedPage<AdminDrama>> {
  return http.get<NumberedPage<AdminDrama>>('/admin/v1/dramas', { query: dramasQuery(filters, page) })
}

/** The edit page shows a missing drama itself, so a 404 is not toasted. */
export async function getDrama(id: number | string): Promise<AdminDrama> {
  const result = await http.get<{ drama: AdminDrama }>(dramaPath(id), { silent: true })
  return result.drama
}

/** A new drama starts as a draft. The form shows field errors itself, so no toast. */
export async function createDrama(input: DramaInput): Promise<AdminDrama> {
  const result = await http.post<{ drama: AdminDrama }>('/admin/v1/dramas', input, { silent: true })
  return result.drama
}

/** Only the fields present change. The form shows field errors itself, so no toast. */
export async function updateDrama(id: number | string, input: Partial<DramaInput>): Promise<AdminDrama> {
  const result = await http.patch<{ drama: AdminDrama }>(dramaPath(id), input, { silent: true })
  return result.drama
}

/** Only drafts and rejected dramas (409 DRAMA_NOT_DELETABLE otherwise); the caller words the error. */
export function deleteDrama(id: number | string): Promise<void> {
  return http.delete<void>(dramaPath(id), { silent: true })
}

/** Sends the cover (portrait) or banner image as multipart `image`; answers the drama with its new URL. */
export async function uploadDramaImage(id: number | string, kind: DramaImageKind, file: Blob, fileName?: string): Promise<AdminDrama> {
  const form = new FormData()
  form.append('image', file, fileName ?? (file instanceof File ? file.name : `${kind}.png`))
  const result = await http.post<{ drama: AdminDrama }>(dramaPath(id, '/image'), form, { query: { kind }, silent: true })
  return result.drama
}

/**
 * Publishes now, or at `publishAt` (an ISO instant). A draft goes through review first. The dialog
 * shows NO_READY_EPISODE and ALREADY_PUBLISHED itself, so no toast.
 */
export async function publishDrama(id: number | string, publishAt: string | null = null): Promise<AdminDrama> {
  const body = publishAt ? { publishAt } : {}
  const result = await http.post<{ drama: AdminDrama }>(dramaPath(id, '/publish'), body, { silent: true })
  return result.drama
}

/** 409 INVALID_STATE_TRANSITION when the drama is not published; the caller words the error. */
export async function unpublishDrama(id: number | string): Promise<AdminDrama> {
  const result = await http.post<{ drama: AdminDrama }>(dramaPath(id, '/unpublish'), undefined, { silent: true })
  return result.drama
}
