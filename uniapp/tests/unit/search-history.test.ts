import { beforeEach, describe, expect, it } from 'vitest'
import {
  clearSearchHistory,
  normalizeSearchTerm,
  readSearchHistory,
  rememberSearch,
  SEARCH_HISTORY_KEY,
  SEARCH_HISTORY_MAX,
  withSearchTerm,
} from '@/utils/searchHistory'
import { installUni, type UniStub } from './support/uni'

let uniStub: UniStub

beforeEach(() => {
  uniStub = installUni()
})

describe('search terms', () => {
  it('are trimmed, with inner whitespace collapsed, and at most 50 characters', () => {
    expect(normalizeSearchTerm('  嫡女  ')).toBe('嫡女')
    expect(normalizeSearchTerm('总裁 \t 甜宠')).toBe('总裁 甜宠')
    expect(normalizeSearchTerm('   ')).toBe('')
    expect(Array.from(normalizeSearchTerm('剧'.repeat(60)))).toHaveLength(50)
    // Cut by characters, not UTF-16 units: no half emoji.
    expect(normalizeSearchTerm('😀'.repeat(60))).toBe('😀'.repeat(50))
  })
})

describe('withSearchTerm', () => {
  it('puts the newest term first', () => {
    expect(withSearchTerm(['甜宠', '总裁'], '嫡女')).toEqual(['嫡女', '甜宠', '总裁'])
  })

  it('moves a repeated term to the front instead of adding it twice', () => {
    expect(withSearchTerm(['甜宠', '嫡女', '总裁'], ' 嫡女 ')).toEqual(['嫡女', '甜宠', '总裁'])
  })

  it('compares letters case-insensitively and keeps the newest spelling', () => {
    expect(withSearchTerm(['ceo', '甜宠'], 'CEO')).toEqual(['CEO', '甜宠'])
  })

  it(`keeps at most ${SEARCH_HISTORY_MAX} terms, dropping the oldest`, () => {
    const full = Array.from({ length: SEARCH_HISTORY_MAX }, (_, i) => `词${i}`)
    const next = withSearchTerm(full, '新词')
    expect(next).toHaveLength(SEARCH_HISTORY_MAX)
    expect(next[0]).toBe('新词')
    expect(next).not.toContain(`词${SEARCH_HISTORY_MAX - 1}`)
  })

  it('ignores an empty term', () => {
    expect(withSearchTerm(['甜宠'], '  ')).toEqual(['甜宠'])
  })

  it('does not change the list it was given', () => {
    const history = ['甜宠']
    withSearchTerm(history, '嫡女')
    expect(history).toEqual(['甜宠'])
  })
})

describe('stored history', () => {
  it('is empty at first', () => {
    expect(readSearchHistory()).toEqual([])
  })

  it('is remembered in uni storage, newest first', () => {
    rememberSearch('甜宠')
    rememberSearch('嫡女')
    expect(rememberSearch('甜宠')).toEqual(['甜宠', '嫡女'])
    expect(uniStub.storage.get(SEARCH_HISTORY_KEY)).toEqual(['甜宠', '嫡女'])
    expect(readSearchHistory()).toEqual(['甜宠', '嫡女'])
  })

  it('keeps ten terms across many searches', () => {
    for (let i = 0; i < 15; i++) rememberSearch(`词${i}`)
    const history = readSearchHistory()
    expect(history).toHaveLength(10)
    expect(history[0]).toBe('词14')
    expect(history[9]).toBe('词5')
  })

  it('ignores a damaged or foreign stored value', () => {
    uniStub.storage.set(SEARCH_HISTORY_KEY, 'not a list')
    expect(readSearchHistory()).toEqual([])
    uniStub.storage.set(SEARCH_HISTORY_KEY, ['嫡女', 42, '', null, '  甜宠 '])
    expect(readSearchHistory()).toEqual(['嫡女', '甜宠'])
  })

  it('is cleared', () => {
    rememberSearch('嫡女')
    clearSearchHistory()
    expect(uniStub.storage.has(SEARCH_HISTORY_KEY)).toBe(false)
    expect(readSearchHistory()).toEqual([])
  })
})
