import { describe, expect, it } from 'vitest'
import type { AdminDrama } from '@/api/dramas'
import {
  checkBatchPricing,
  checkSchedule,
  dramaChanges,
  dramaInputOf,
  dramaToForm,
  effectiveFree,
  effectivePrice,
  emptyDramaForm,
  formatDuration,
  formatRating,
  FREE_MODES,
  freeModeOf,
  isFreeOf,
  moveItem,
  ratingToTenths,
  tenthsToRating,
  type BatchPricingForm,
  type ScheduleForm,
} from '@/utils/catalog'

const drama: AdminDrama = {
  id: 1,
  title: '闪婚后，总裁他每天都在装穷',
  synopsis: '闪婚',
  coverUrl: null,
  bannerUrl: null,
  tags: ['甜宠', '总裁'],
  cast: [{ name: '林晚', role: '女主' }, { name: '顾言深' }],
  categories: [
    { id: 3, name: '甜宠', slug: 'romance' },
    { id: 1, name: '都市', slug: 'urban' },
  ],
  region: '中国大陆',
  language: 'zh',
  status: 'ongoing',
  plannedEpisodes: 24,
  freeEpisodes: 8,
  episodePriceCoins: 60,
  seriesPriceCoins: 864,
  isSponsored: false,
  rating: 91,
  sortWeight: 0,
  editorPick: false,
  hotScore: 0,
  state: 'published',
  reviewNote: null,
  reviewedAt: null,
  publishAt: null,
  publishedAt: null,
  createdAt: null,
  updatedAt: null,
}

describe('rating in tenths', () => {
  it('turns 0–10 with one decimal into tenths and back', () => {
    expect(ratingToTenths(9.1)).toBe(91)
    expect(ratingToTenths(8.75)).toBe(88)
    expect(ratingToTenths(0.1 + 0.2)).toBe(3)
    expect(ratingToTenths(10)).toBe(100)
    expect(tenthsToRating(91)).toBe(9.1)
    expect(tenthsToRating(100)).toBe(10)
    expect(tenthsToRating(0)).toBe(0)
  })

  it('clamps to 0–100 and reads blanks as 0', () => {
    expect(ratingToTenths(12)).toBe(100)
    expect(ratingToTenths(-1)).toBe(0)
    expect(ratingToTenths(null)).toBe(0)
    expect(ratingToTenths(undefined)).toBe(0)
    expect(ratingToTenths(Number.NaN)).toBe(0)
  })

  it('shows tenths as x.x', () => {
    expect(formatRating(91)).toBe('9.1')
    expect(formatRating(90)).toBe('9.0')
    expect(formatRating(5)).toBe('0.5')
    expect(formatRating(null)).toBe('—')
  })

  it('round-trips every value the form can hold', () => {
    for (let tenths = 0; tenths <= 100; tenths++) expect(ratingToTenths(tenthsToRating(tenths))).toBe(tenths)
  })
})

describe('free flag tri-state', () => {
  it('maps isFree null/true/false to follow-the-rule/free/paid and back', () => {
    expect(freeModeOf(null)).toBe('inherit')
    expect(freeModeOf(undefined)).toBe('inherit')
    expect(freeModeOf(true)).toBe('free')
    expect(freeModeOf(false)).toBe('paid')
    expect(FREE_MODES.map(isFreeOf)).toEqual([null, true, false])
    for (const mode of FREE_MODES) expect(freeModeOf(isFreeOf(mode))).toBe(mode)
  })

  it('works out what a viewer pays: the flag first, else the first-N-free rule, then the price', () => {
    const rules = { freeEpisodes: 8, episodePriceCoins: 60 }
    expect(effectiveFree({ number: 8, isFree: null }, rules)).toBe(true)
    expect(effectiveFree({ number: 9, isFree: null }, rules)).toBe(false)
    expect(effectiveFree({ number: 2, isFree: false }, rules)).toBe(false)
    expect(effectiveFree({ number: 20, isFree: true }, rules)).toBe(true)
    expect(effectivePrice({ number: 9, isFree: null, priceCoins: null }, rules)).toBe(60)
    expect(effectivePrice({ number: 9, isFree: null, priceCoins: 99 }, rules)).toBe(99)
    expect(effectivePrice({ number: 2, isFree: false, priceCoins: null }, rules)).toBe(60)
    expect(effectivePrice({ number: 20, isFree: true, priceCoins: 99 }, rules)).toBe(0)
  })
})

describe('batch pricing form', () => {
  const base: BatchPricingForm = { from: 3, to: 6, priceMode: 'set', priceCoins: 99, freeMode: 'keep' }

  it('builds the request from a valid form', () => {
    expect(checkBatchPricing(base)).toEqual({ input: { from: 3, to: 6, priceCoins: 99 }, errors: {} })
    expect(checkBatchPricing({ ...base, priceMode: 'keep', freeMode: 'free' }).input).toEqual({ from: 3, to: 6, isFree: true })
    expect(checkBatchPricing({ ...base, priceMode: 'default', freeMode: 'inherit' }).input).toEqual({ from: 3, to: 6, priceCoins: null, isFree: null })
    expect(checkBatchPricing({ ...base, priceCoins: 0, freeMode: 'paid' }).input).toEqual({ from: 3, to: 6, priceCoins: 0, isFree: false })
    expect(checkBatchPricing({ ...base, from: 4, to: 4 }).input).toEqual({ from: 4, to: 4, priceCoins: 99 })
  })

  it('needs a range in order', () => {
    expect(checkBatchPricing({ ...base, from: null }).errors).toEqual({ from: 'catalog.batch.errors.fromRequired' })
    expect(checkBatchPricing({ ...base, to: null }).errors).toEqual({ to: 'catalog.batch.errors.toRequired' })
    expect(checkBatchPricing({ ...base, from: 6, to: 3 })).toEqual({ input: null, errors: { to: 'catalog.batch.errors.rangeOrder' } })
    expect(checkBatchPricing({ ...base, from: 0 }).errors).toEqual({ from: 'catalog.batch.errors.numberRange' })
    expect(checkBatchPricing({ ...base, to: 5001 }).errors).toEqual({ to: 'catalog.batch.errors.numberRange' })
    expect(checkBatchPricing({ ...base, from: 1.5 }).errors).toEqual({ from: 'catalog.batch.errors.numberRange' })
  })

  it('needs a whole price in range when setting one, and something to change', () => {
    expect(checkBatchPricing({ ...base, priceCoins: null }).errors).toEqual({ priceCoins: 'catalog.batch.errors.priceRequired' })
    expect(checkBatchPricing({ ...base, priceCoins: 100_001 }).errors).toEqual({ priceCoins: 'catalog.batch.errors.priceRange' })
    expect(checkBatchPricing({ ...base, priceCoins: 9.5 }).errors).toEqual({ priceCoins: 'catalog.batch.errors.priceRange' })
    expect(checkBatchPricing({ ...base, priceMode: 'keep' })).toEqual({ input: null, errors: { form: 'catalog.batch.errors.nothingToChange' } })
    // A price typed and then switched off is not sent.
    expect(checkBatchPricing({ ...base, priceMode: 'keep', priceCoins: 5, freeMode: 'paid' }).input).toEqual({ from: 3, to: 6, isFree: false })
  })
})

describe('schedule form', () => {
  const at = new Date('2026-12-24T12:00:00.000Z')
  const base: ScheduleForm = { from: 1, to: 6, mode: 'set', releaseAt: at }

  it('sends an ISO instant, or null to clear', () => {
    expect(checkSchedule(base)).toEqual({ input: { from: 1, to: 6, releaseAt: '2026-12-24T12:00:00.000Z' }, errors: {} })
    expect(checkSchedule({ ...base, mode: 'clear' }).input).toEqual({ from: 1, to: 6, releaseAt: null })
    expect(checkSchedule({ ...base, mode: 'clear', releaseAt: null }).input).toEqual({ from: 1, to: 6, releaseAt: null })
  })

  it('needs a time when setting one, and a range in order', () => {
    expect(checkSchedule({ ...base, releaseAt: null })).toEqual({ input: null, errors: { releaseAt: 'catalog.batch.errors.releaseAtRequired' } })
    expect(checkSchedule({ ...base, releaseAt: new Date('nope') }).errors).toEqual({ releaseAt: 'catalog.batch.errors.releaseAtRequired' })
    expect(checkSchedule({ ...base, from: 7 }).errors).toEqual({ to: 'catalog.batch.errors.rangeOrder' })
  })
})

describe('moveItem', () => {
  it('moves one item and leaves the input alone', () => {
    const list = ['a', 'b', 'c', 'd']
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c'])
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveItem(list, 1, 1)).toEqual(list)
    expect(moveItem(list, 5, 0)).toEqual(list)
    expect(list).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('drama form', () => {
  it('reads a drama into the form, rating as 0–10', () => {
    expect(dramaToForm(drama)).toMatchObject({
      categoryIds: [3, 1],
      cast: [
        { name: '林晚', role: '女主' },
        { name: '顾言深', role: '' },
      ],
      region: '中国大陆',
      rating: 9.1,
      seriesPriceCoins: 864,
    })
  })

  it('cleans the form into a request: trimmed, no blank tags or cast rows, rating in tenths', () => {
    const form = {
      ...emptyDramaForm(),
      title: '  新剧 ',
      synopsis: ' 简介 ',
      tags: [' 甜宠 ', '甜宠', '', '总裁'],
      cast: [
        { name: ' 苏念 ', role: ' 女主 ' },
        { name: '陆霆', role: ' ' },
        { name: '', role: '' },
      ],
      region: '  ',
      rating: 8.7,
    }
    expect(dramaInputOf(form)).toMatchObject({
      title: '新剧',
      synopsis: '简介',
      tags: ['甜宠', '总裁'],
      cast: [{ name: '苏念', role: '女主' }, { name: '陆霆' }],
      region: null,
      language: 'zh',
      rating: 87,
      seriesPriceCoins: null,
    })
  })

  it('sends only what changed; category order does not count', () => {
    const unchanged = dramaInputOf(dramaToForm(drama))
    expect(dramaChanges(drama, unchanged)).toEqual({})
    expect(dramaChanges(drama, { ...unchanged, categoryIds: [1, 3] })).toEqual({})
    const form = dramaToForm(drama)
    form.rating = 9.3
    form.categoryIds = [1]
    form.cast.push({ name: '新演员', role: '' })
    expect(dramaChanges(drama, dramaInputOf(form))).toEqual({
      rating: 93,
      categoryIds: [1],
      cast: [{ name: '林晚', role: '女主' }, { name: '顾言深' }, { name: '新演员' }],
    })
  })
})

describe('formatDuration', () => {
  it('shows m:ss or h:mm:ss, and a dash without video', () => {
    expect(formatDuration(95)).toBe('1:35')
    expect(formatDuration(3725)).toBe('1:02:05')
    expect(formatDuration(0)).toBe('—')
    expect(formatDuration(null)).toBe('—')
  })
})
