import { afterEach, describe, expect, it } from 'vitest'
import { ACTOR_TYPES, KNOWN_AUDIT_ACTIONS } from '@/api/audit'
import { PLATFORMS } from '@/api/users'
import { createAppI18n, DEFAULT_LOCALE, LOCALE_STORAGE_KEY, readStoredLocale, SUPPORTED_LOCALES } from '@/locales'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import { ROLE_PERMISSIONS } from './support/api-server'

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

describe('labels for server codes', () => {
  it.each(SUPPORTED_LOCALES)('%s names every permission, platform, actor type and known audit action', (locale) => {
    const { t, te } = createAppI18n(locale).global
    const keys = [
      ...ROLE_PERMISSIONS.admin.map((permission) => `permission.${permission}`),
      ...PLATFORMS.map((platform) => `platform.${platform}`),
      ...ACTOR_TYPES.map((type) => `audit.actorTypes.${type}`),
      ...KNOWN_AUDIT_ACTIONS.map((action) => `audit.actions.${action}`),
    ]
    for (const key of keys) {
      expect(te(key), key).toBe(true)
      expect(t(key), key).not.toBe(key)
    }
    expect(t('users.statusBanned')).toBe(locale === 'en' ? 'Banned' : '封禁')
  })
})
