import { afterEach, describe, expect, it } from 'vitest'
import { ACTOR_TYPES, KNOWN_AUDIT_ACTIONS } from '@/api/audit'
import { DRAMA_STATES, DRAMA_STATUSES } from '@/api/dramas'
import { EPISODE_STATES } from '@/api/episodes'
import { PLATFORMS } from '@/api/users'
import { createAppI18n, DEFAULT_LOCALE, LOCALE_STORAGE_KEY, readStoredLocale, SUPPORTED_LOCALES } from '@/locales'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import { CATALOG_ERROR_KEYS, FREE_MODES } from '@/utils/catalog'
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
  it.each(SUPPORTED_LOCALES)('%s names every permission, platform, actor type, known audit action and catalog code', (locale) => {
    const { t, te } = createAppI18n(locale).global
    const keys = [
      ...ROLE_PERMISSIONS.admin.map((permission) => `permission.${permission}`),
      ...PLATFORMS.map((platform) => `platform.${platform}`),
      ...ACTOR_TYPES.map((type) => `audit.actorTypes.${type}`),
      ...KNOWN_AUDIT_ACTIONS.map((action) => `audit.actions.${action}`),
      ...DRAMA_STATES.map((state) => `catalog.dramaStates.${state}`),
      ...EPISODE_STATES.map((state) => `catalog.episodeStates.${state}`),
      ...DRAMA_STATUSES.map((status) => `catalog.statuses.${status}`),
      ...FREE_MODES.map((mode) => `catalog.freeModes.${mode}`),
      ...Object.values(CATALOG_ERROR_KEYS),
    ]
    for (const key of keys) {
      expect(te(key), key).toBe(true)
      expect(t(key), key).not.toBe(key)
    }
    expect(t('users.statusBanned')).toBe(locale === 'en' ? 'Banned' : '封禁')
    expect(t('catalog.errors.noReadyEpisode')).toBe(
      locale === 'en' ? 'A drama needs at least one ready episode before it can be published' : '发布前至少需要一集已就绪的剧集',
    )
  })
})
