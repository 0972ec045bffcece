import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCALE, messages, normalizeLocale, translate } from '@/locale'

describe('locale', () => {
  it('defaults to Simplified Chinese', () => {
    expect(DEFAULT_LOCALE).toBe('zh-Hans')
    expect(normalizeLocale(undefined)).toBe('zh-Hans')
    expect(normalizeLocale('zh-CN')).toBe('zh-Hans')
    expect(normalizeLocale('fr-FR')).toBe('zh-Hans')
  })

  it('recognises English', () => {
    expect(normalizeLocale('en')).toBe('en')
    expect(normalizeLocale('en-US')).toBe('en')
  })

  it('fills placeholders', () => {
    expect(translate('zh-Hans', 'me.userId', { id: 42 })).toBe('ID：42')
    expect(translate('en', 'me.userId', { id: 42 })).toBe('ID: 42')
  })

  it('has the same keys in every language', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-Hans']).sort())
  })

  it('has every %key% that pages.json uses, with the four tabs in order', () => {
    const pagesJson = readFileSync(new URL('../../src/pages.json', import.meta.url), 'utf8')
    const keys = [...pagesJson.matchAll(/%([\w.]+)%/g)].map((match) => match[1] as keyof typeof messages.en)
    expect(keys.length).toBeGreaterThan(0)
    for (const key of keys) {
      expect(messages['zh-Hans'][key], key).toBeTypeOf('string')
      expect(messages.en[key], key).toBeTypeOf('string')
    }
    const tabs = (JSON.parse(pagesJson) as { tabBar: { list: { text: string }[] } }).tabBar.list
    const labels = tabs.map((tab) => messages['zh-Hans'][tab.text.slice(1, -1) as keyof typeof messages.en])
    expect(labels).toEqual(['首页', '剧场', '福利', '我的'])
  })
})
