import { afterEach, describe, expect, it, vi } from 'vitest'
import { translate, type MessageKey } from '@/locale'
import { categoryName, coverPlaceholder, formatRating, statusLine } from '@/utils/catalog'
import { debounce } from '@/utils/debounce'
import type { Translate } from '@/utils/errors'
import { dramaUrl, parseRouteId } from '@/utils/navigation'

const zh: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-Hans', key, params)
const en: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params)

describe('drama texts', () => {
  it('shows the rating with one decimal, and none for an unrated drama', () => {
    expect(formatRating(9.1)).toBe('9.1')
    expect(formatRating(8)).toBe('8.0')
    expect(formatRating(10)).toBe('10.0')
    expect(formatRating(0)).toBeNull()
    expect(formatRating(Number.NaN)).toBeNull()
  })

  it('says whether a drama is ongoing or completed and how many episodes it has', () => {
    expect(statusLine({ status: 'ongoing', plannedEpisodes: 24 }, zh)).toBe('连载中 · 共24集')
    expect(statusLine({ status: 'completed', plannedEpisodes: 30 }, zh)).toBe('已完结 · 共30集')
    expect(statusLine({ status: 'completed', plannedEpisodes: 30 }, en)).toBe('Completed · 30 episodes')
    expect(statusLine({ status: 'ongoing', plannedEpisodes: 0 }, zh, 12)).toBe('连载中 · 共12集')
    expect(statusLine({ status: 'ongoing', plannedEpisodes: 0 }, zh)).toBe('连载中')
  })

  it('names categories in English when the operator gave an English name', () => {
    expect(categoryName({ name: '古装', nameEn: 'Period' }, 'en')).toBe('Period')
    expect(categoryName({ name: '古装', nameEn: 'Period' }, 'zh-Hans')).toBe('古装')
    expect(categoryName({ name: '古装', nameEn: null }, 'en')).toBe('古装')
  })
})

describe('cover placeholder', () => {
  it('shows the first two letters of the title, skipping punctuation and spaces', () => {
    expect(coverPlaceholder('闪婚后，总裁他每天都在装穷').text).toBe('闪婚')
    expect(coverPlaceholder('《深夜》来电').text).toBe('深夜')
    expect(coverPlaceholder('the CEO').text).toBe('TH')
    expect(coverPlaceholder('').text).toBe('')
  })

  it('picks the same gradient for the same title and varies it between titles', () => {
    expect(coverPlaceholder('重生之嫡女归来')).toEqual(coverPlaceholder('重生之嫡女归来'))
    expect(coverPlaceholder('深夜来电').background).toMatch(/^linear-gradient\(135deg, #[0-9a-f]{6}, #[0-9a-f]{6}\)$/)
    const backgrounds = new Set(['闪婚后，总裁他每天都在装穷', '重生之嫡女归来', '深夜来电', '甜宠', '逆袭', '悬疑'].map((t) => coverPlaceholder(t).background))
    expect(backgrounds.size).toBeGreaterThan(1)
  })
})

describe('drama page address', () => {
  it('carries the id', () => {
    expect(dramaUrl(12)).toBe('/pages/drama/detail?id=12')
  })

  it.each([
    ['12', 12],
    [12, 12],
    [' 7 ', 7],
    ['0', null],
    ['-3', null],
    ['1.5', null],
    ['abc', null],
    ['', null],
    [undefined, null],
    ['99999999999999999', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseRouteId(raw)).toBe(expected)
  })
})

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs once with the last argument after the calls stop', () => {
    vi.useFakeTimers()
    const seen: string[] = []
    const typing = debounce((value: string) => seen.push(value), 400)
    typing.call('嫡')
    vi.advanceTimersByTime(300)
    typing.call('嫡女')
    vi.advanceTimersByTime(399)
    expect(seen).toEqual([])
    expect(typing.pending()).toBe(true)
    vi.advanceTimersByTime(1)
    expect(seen).toEqual(['嫡女'])
    expect(typing.pending()).toBe(false)
  })

  it('can be cancelled', () => {
    vi.useFakeTimers()
    const seen: string[] = []
    const typing = debounce((value: string) => seen.push(value), 400)
    typing.call('嫡女')
    typing.cancel()
    vi.advanceTimersByTime(1000)
    expect(seen).toEqual([])
  })
})
