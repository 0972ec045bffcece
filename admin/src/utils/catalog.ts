import type { AdminDrama, DramaInput, DramaStatus } from '@/api/dramas'
import type { AdminEpisode, BatchPricingInput, ScheduleInput } from '@/api/episodes'

// ---------------------------------------------------------------------------------------------
// Rating: the admin API stores tenths (0–100); people read and type 0–10 with one decimal.

export const RATING_MAX = 10

/** 0–10 with one decimal → tenths 0–100 (rounded, clamped; blank is 0). */
export function ratingToTenths(rating: number | null | undefined): number {
  if (rating === null || rating === undefined || !Number.isFinite(rating)) return 0
  return Math.min(100, Math.max(0, Math.round(rating * 10)))
}

/** Tenths → 0–10 (one decimal). */
export function tenthsToRating(tenths: number | null | undefined): number {
  if (tenths === null || tenths === undefined || !Number.isFinite(tenths)) return 0
  return Math.round(tenths) / 10
}

/** Tenths as `x.x`; '—' when absent. */
export function formatRating(tenths: number | null | undefined): string {
  if (tenths === null || tenths === undefined || !Number.isFinite(tenths)) return '—'
  return tenthsToRating(tenths).toFixed(1)
}

// ---------------------------------------------------------------------------------------------
// An episode's free flag has three states: follow the drama's rule (null), free (true), paid (false).

export const FREE_MODES = ['inherit', 'free', 'paid'] as const
export type FreeMode = (typeof FREE_MODES)[number]

export function freeModeOf(isFree: boolean | null | undefined): FreeMode {
  if (isFree === true) return 'free'
  if (isFree === false) return 'paid'
  return 'inherit'
}

export function isFreeOf(mode: FreeMode): boolean | null {
  if (mode === 'free') return true
  if (mode === 'paid') return false
  return null
}

type PricingRules = Pick<AdminDrama, 'freeEpisodes' | 'episodePriceCoins'>

/** Whether viewers get the episode free: its own flag, else the drama's first-N-free rule. */
export function effectiveFree(episode: Pick<AdminEpisode, 'number' | 'isFree'>, drama: PricingRules): boolean {
  return episode.isFree ?? episode.number <= drama.freeEpisodes
}

/** What one episode costs a viewer in coins: 0 when free, else its own price or the drama's default. */
export function effectivePrice(episode: Pick<AdminEpisode, 'number' | 'isFree' | 'priceCoins'>, drama: PricingRules): number {
  return effectiveFree(episode, drama) ? 0 : (episode.priceCoins ?? drama.episodePriceCoins)
}

/** Seconds as `m:ss` (or `h:mm:ss`); '—' for 0, which is what an episode without video has. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!seconds || seconds <= 0) return '—'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = Math.floor(seconds % 60)
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** `list` with the item at `from` moved to `to` (a new array; out-of-range indexes change nothing). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return next
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item as T)
  return next
}

// ---------------------------------------------------------------------------------------------
// Batch dialogs: checked in the browser before anything is sent. Errors are i18n keys.

export const EPISODE_RANGE_MAX = 5000
export const COINS_MAX = 100_000

export type RangeField = 'from' | 'to'

export interface Checked<I, F extends string> {
  /** What to send, when nothing is wrong. */
  input: I | null
  /** i18n keys under the fields (`form` when no field owns the problem). */
  errors: Partial<Record<F | 'form', string>>
}

function isWhole(value: number | null | undefined, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

function checkRange(from: number | null, to: number | null, errors: Partial<Record<RangeField | 'form', string>>): void {
  if (from === null) errors.from = 'catalog.batch.errors.fromRequired'
  else if (!isWhole(from, 1, EPISODE_RANGE_MAX)) errors.from = 'catalog.batch.errors.numberRange'
  if (to === null) errors.to = 'catalog.batch.errors.toRequired'
  else if (!isWhole(to, 1, EPISODE_RANGE_MAX)) errors.to = 'catalog.batch.errors.numberRange'
  if (!errors.from && !errors.to && from !== null && to !== null && from > to) errors.to = 'catalog.batch.errors.rangeOrder'
}

/** keep: leave the price alone; set: this many coins; default: back to the drama's default price. */
export type PriceMode = 'keep' | 'set' | 'default'
/** keep: leave the free flag alone; otherwise the episode's new tri-state. */
export type BatchFreeMode = 'keep' | FreeMode

export interface BatchPricingForm {
  from: number | null
  to: number | null
  priceMode: PriceMode
  priceCoins: number | null
  freeMode: BatchFreeMode
}

export type BatchPricingField = RangeField | 'priceCoins'

export function checkBatchPricing(form: BatchPricingForm): Checked<BatchPricingInput, BatchPricingField> {
  const errors: Checked<BatchPricingInput, BatchPricingField>['errors'] = {}
  checkRange(form.from, form.to, errors)
  if (form.priceMode === 'set') {
    if (form.priceCoins === null) errors.priceCoins = 'catalog.batch.errors.priceRequired'
    else if (!isWhole(form.priceCoins, 0, COINS_MAX)) errors.priceCoins = 'catalog.batch.errors.priceRange'
  }
  if (form.priceMode === 'keep' && form.freeMode === 'keep') errors.form = 'catalog.batch.errors.nothingToChange'
  if (Object.keys(errors).length > 0 || form.from === null || form.to === null) return { input: null, errors }

  const input: BatchPricingInput = { from: form.from, to: form.to }
  if (form.priceMode === 'set') input.priceCoins = form.priceCoins
  if (form.priceMode === 'default') input.priceCoins = null
  if (form.freeMode !== 'keep') input.isFree = isFreeOf(form.freeMode)
  return { input, errors }
}

export interface ScheduleForm {
  from: number | null
  to: number | null
  /** set: release at `releaseAt`; clear: release as soon as published. */
  mode: 'set' | 'clear'
  releaseAt: Date | null
}

export type ScheduleField = RangeField | 'releaseAt'

export function checkSchedule(form: ScheduleForm): Checked<ScheduleInput, ScheduleField> {
  const errors: Checked<ScheduleInput, ScheduleField>['errors'] = {}
  checkRange(form.from, form.to, errors)
  const at = form.releaseAt
  if (form.mode === 'set' && (!at || Number.isNaN(at.getTime()))) errors.releaseAt = 'catalog.batch.errors.releaseAtRequired'
  if (Object.keys(errors).length > 0 || form.from === null || form.to === null) return { input: null, errors }
  return { input: { from: form.from, to: form.to, releaseAt: form.mode === 'set' && at ? at.toISOString() : null }, errors }
}

// ---------------------------------------------------------------------------------------------
// The drama form: what people edit ↔ what the API takes.

export interface CastRow {
  name: string
  role: string
}

export interface DramaForm {
  title: string
  synopsis: string
  categoryIds: number[]
  tags: string[]
  cast: CastRow[]
  region: string
  language: string
  status: DramaStatus
  plannedEpisodes: number
  freeEpisodes: number
  episodePriceCoins: number
  /** null: no whole-series price. */
  seriesPriceCoins: number | null
  isSponsored: boolean
  /** 0–10, one decimal (the API takes tenths). */
  rating: number
  sortWeight: number
  editorPick: boolean
}

/** A new drama: Chinese, ongoing, the first 10 episodes free at 60 coins each after that. */
export function emptyDramaForm(): DramaForm {
  return {
    title: '',
    synopsis: '',
    categoryIds: [],
    tags: [],
    cast: [],
    region: '',
    language: 'zh',
    status: 'ongoing',
    plannedEpisodes: 0,
    freeEpisodes: 10,
    episodePriceCoins: 60,
    seriesPriceCoins: null,
    isSponsored: false,
    rating: 0,
    sortWeight: 0,
    editorPick: false,
  }
}

export function dramaToForm(drama: AdminDrama): DramaForm {
  return {
    title: drama.title,
    synopsis: drama.synopsis,
    categoryIds: drama.categories.map((category) => category.id),
    tags: [...drama.tags],
    cast: drama.cast.map((member) => ({ name: member.name, role: member.role ?? '' })),
    region: drama.region ?? '',
    language: drama.language,
    status: drama.status,
    plannedEpisodes: drama.plannedEpisodes,
    freeEpisodes: drama.freeEpisodes,
    episodePriceCoins: drama.episodePriceCoins,
    seriesPriceCoins: drama.seriesPriceCoins,
    isSponsored: drama.isSponsored,
    rating: tenthsToRating(drama.rating),
    sortWeight: drama.sortWeight,
    editorPick: drama.editorPick,
  }
}

/** Trimmed text, tags without blanks or repeats, cast without empty rows, rating in tenths. */
export function dramaInputOf(form: DramaForm): DramaInput {
  const tags = [...new Set(form.tags.map((tag) => tag.trim()).filter(Boolean))]
  const cast = form.cast
    .map((row) => ({ name: row.name.trim(), role: row.role.trim() }))
    .filter((row) => row.name !== '' || row.role !== '')
    .map((row) => (row.role === '' ? { name: row.name } : row))
  return {
    title: form.title.trim(),
    synopsis: form.synopsis.trim(),
    categoryIds: [...form.categoryIds],
    tags,
    cast,
    region: form.region.trim() === '' ? null : form.region.trim(),
    language: form.language.trim() || 'zh',
    status: form.status,
    plannedEpisodes: form.plannedEpisodes,
    freeEpisodes: form.freeEpisodes,
    episodePriceCoins: form.episodePriceCoins,
    seriesPriceCoins: form.seriesPriceCoins,
    isSponsored: form.isSponsored,
    rating: ratingToTenths(form.rating),
    sortWeight: form.sortWeight,
    editorPick: form.editorPick,
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Only what differs from the saved drama, so an unchanged form sends nothing (and audits nothing). */
export function dramaChanges(drama: AdminDrama, input: DramaInput): Partial<DramaInput> {
  const saved = dramaInputOf(dramaToForm(drama))
  const changes: Partial<DramaInput> = {}
  for (const key of Object.keys(input) as (keyof DramaInput)[]) {
    const next = input[key]
    const before = saved[key]
    const equal =
      key === 'categoryIds'
        ? same([...((next as number[] | undefined) ?? [])].sort(), [...((before as number[] | undefined) ?? [])].sort())
        : same(next, before)
    if (!equal) Object.assign(changes, { [key]: next })
  }
  return changes
}

// ---------------------------------------------------------------------------------------------
// Error codes of the catalog endpoints, worded for people (the server's messages are English).

export const CATALOG_ERROR_KEYS: Readonly<Record<string, string>> = {
  NO_READY_EPISODE: 'catalog.errors.noReadyEpisode',
  ALREADY_PUBLISHED: 'catalog.errors.alreadyPublished',
  INVALID_STATE_TRANSITION: 'catalog.errors.invalidStateTransition',
  DRAMA_NOT_DELETABLE: 'catalog.errors.dramaNotDeletable',
  EPISODE_PUBLISHED: 'catalog.errors.episodePublished',
  EPISODE_NUMBER_TAKEN: 'catalog.errors.episodeNumberTaken',
  SLUG_TAKEN: 'catalog.errors.slugTaken',
  IMAGE_INVALID: 'catalog.errors.imageInvalid',
  PAYLOAD_TOO_LARGE: 'catalog.errors.imageTooLarge',
  NOT_FOUND: 'catalog.errors.notFound',
}
