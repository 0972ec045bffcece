import { afterEach, describe, expect, it } from 'vitest'
import { createAppI18n, DEFAULT_LOCALE, LOCALE_STORAGE_KEY, readStoredLocale } from '@/locales'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

afterEach(() => localStorage.clear())

describe('locales', () => {
  it('defaults to Simplified Chinese', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
    expect(readStoredLocale()).toBe('zh-CN')
    expect(createAppI18n().global.t('login.title')).toBe('登录')
  })

  it('uses the remembered choice and ignores unknown values', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en')
    expect(readStoredLocale()).toBe('en')
    expect(createAppI18n().global.t('login.title')).toBe('Sign in')
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(readStoredLocale()).toBe('zh-CN')
  })

  it('has the same keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
})
