import vine from '@vinejs/vine'
import { DRAMA_STATES } from '#modules/catalog/models/drama'
import { BOARDS } from '#modules/catalog/services/ranking_service'

const url = () =>
  vine
    .string()
    .trim()
    .maxLength(512)
    .url({ require_tld: false, protocols: ['http', 'https'] })
const coins = () => vine.number().withoutDecimals().range([0, 100_000])
const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/)

export const listDramasValidator = vine.create({
  category: vine.string().trim().maxLength(48).optional(),
  tag: vine.string().trim().maxLength(32).optional(),
  sort: vine.enum(['hot', 'new', 'rating'] as const).optional(),
  status: vine.enum(['ongoing', 'completed'] as const).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.string().trim().maxLength(64).optional(),
})

export const searchValidator = vine.create({
  q: vine.string().trim().minLength(1).maxLength(50),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.string().trim().maxLength(64).optional(),
})

export const rankingValidator = vine.create({
  board: vine.enum(BOARDS),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

const dramaFields = {
  synopsis: vine.string().trim().maxLength(2000),
  coverUrl: url().nullable().optional(),
  bannerUrl: url().nullable().optional(),
  categoryIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(10).optional(),
  tags: vine
    .array(vine.string().trim().minLength(1).maxLength(16))
    .maxLength(12)
    .distinct()
    .optional(),
  cast: vine
    .array(
      vine.object({
        name: vine.string().trim().minLength(1).maxLength(32),
        role: vine.string().trim().maxLength(32).optional(),
      })
    )
    .maxLength(30)
    .optional(),
  region: vine.string().trim().maxLength(32).nullable().optional(),
  language: vine.string().trim().maxLength(16).optional(),
  status: vine.enum(['ongoing', 'completed'] as const).optional(),
  plannedEpisodes: vine.number().withoutDecimals().range([0, 2000]).optional(),
  freeEpisodes: vine.number().withoutDecimals().range([0, 2000]).optional(),
  episodePriceCoins: coins().optional(),
  seriesPriceCoins: coins().nullable().optional(),
  isSponsored: vine.boolean({ strict: true }).optional(),
  rating: vine.number().withoutDecimals().range([0, 100]).optional(),
  sortWeight: vine.number().withoutDecimals().range([-10_000, 10_000]).optional(),
  editorPick: vine.boolean({ strict: true }).optional(),
}

export const createDramaValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(100),
  ...dramaFields,
})

export const updateDramaValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(100).optional(),
  ...dramaFields,
  synopsis: vine.string().trim().maxLength(2000).optional(),
})

export const adminDramaListValidator = vine.create({
  q: vine.string().trim().maxLength(50).optional(),
  state: vine.enum(DRAMA_STATES).optional(),
  categoryId: vine.number().withoutDecimals().positive().optional(),
  page: vine.number().withoutDecimals().range([1, 10_000]).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

export const publishValidator = vine.create({
  publishAt: isoDate().nullable().optional(),
})

const sec = () =>
  vine
    .number()
    .withoutDecimals()
    .range([0, 24 * 3600])

export const createEpisodeValidator = vine.create({
  number: vine.number().withoutDecimals().range([1, 5000]).optional(),
  title: vine.string().trim().maxLength(100).nullable().optional(),
  durationSec: sec().optional(),
  isFree: vine.boolean({ strict: true }).nullable().optional(),
  priceCoins: coins().nullable().optional(),
  introEndSec: sec().nullable().optional(),
  outroStartSec: sec().nullable().optional(),
  releaseAt: isoDate().nullable().optional(),
})

export const updateEpisodeValidator = createEpisodeValidator

const range = {
  from: vine.number().withoutDecimals().range([1, 5000]),
  to: vine.number().withoutDecimals().range([1, 5000]),
}

export const batchPricingValidator = vine.create({
  ...range,
  priceCoins: coins().nullable().optional(),
  isFree: vine.boolean({ strict: true }).nullable().optional(),
})

export const scheduleValidator = vine.create({
  ...range,
  releaseAt: isoDate().nullable(),
})

export const reorderValidator = vine.create({
  ids: vine.array(vine.number().withoutDecimals().positive()).minLength(1).maxLength(5000),
})

export const categoryValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(32),
  nameEn: vine.string().trim().maxLength(64).nullable().optional(),
  slug: vine
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,48}$/),
  sort: vine.number().withoutDecimals().range([-10_000, 10_000]).optional(),
  isActive: vine.boolean({ strict: true }).optional(),
})

export const updateCategoryValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(32).optional(),
  nameEn: vine.string().trim().maxLength(64).nullable().optional(),
  slug: vine
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,48}$/)
    .optional(),
  sort: vine.number().withoutDecimals().range([-10_000, 10_000]).optional(),
  isActive: vine.boolean({ strict: true }).optional(),
})
