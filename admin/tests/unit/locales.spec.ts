import { afterEach, describe, expect, it } from 'vitest'
import { ACTOR_TYPES, KNOWN_AUDIT_ACTIONS } from '@/api/audit'
import { DRAMA_STATES, DRAMA_STATUSES } from '@/api/dramas'
import { EPISODE_STATES } from '@/api/episodes'
import { WATERMARK_KINDS, WATERMARK_POSITIONS } from '@/api/media'
import { ORDER_STATES, PAYMENT_PROVIDERS } from '@/api/orders'
import { PLATFORMS } from '@/api/users'
import { COIN_ACCOUNTS, LEDGER_TYPES } from '@/api/wallets'
import { createAppI18n, DEFAULT_LOCALE, LOCALE_STORAGE_KEY, readStoredLocale, SUPPORTED_LOCALES } from '@/locales'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import { CATALOG_ERROR_KEYS, FREE_MODES } from '@/utils/catalog'
import { FINANCE_ERROR_KEYS } from '@/utils/finance'
import { MEDIA_ERROR_KEYS, MEDIA_INVALID_KEYS } from '@/utils/media'
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
  it.each(SUPPORTED_LOCALES)('%s names every permission, platform, actor type, known audit action, catalog, finance and media code', (locale) => {
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
      ...ORDER_STATES.map((state) => `orders.states.${state}`),
      ...PAYMENT_PROVIDERS.map((provider) => `orders.providers.${provider}`),
      ...LEDGER_TYPES.map((type) => `finance.ledgerTypes.${type}`),
      ...COIN_ACCOUNTS.map((account) => `finance.accounts.${account}`),
      ...Object.values(FINANCE_ERROR_KEYS),
      ...Object.values(MEDIA_ERROR_KEYS),
      ...Object.values(MEDIA_INVALID_KEYS),
      ...WATERMARK_KINDS.map((kind) => `media.watermark.kinds.${kind}`),
      ...WATERMARK_POSITIONS.map((position) => `media.watermark.positions.${position}`),
      ...(['connecting', 'live', 'polling'] as const).map((mode) => `media.processing.modes.${mode}`),
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

describe('ledger labels', () => {
  it('names every ledger type and account in Chinese', () => {
    const { t } = createAppI18n('zh-CN').global
    expect(LEDGER_TYPES.map((type) => t(`finance.ledgerTypes.${type}`))).toEqual(['充值', '消费', '赠送', '扣减', '过期', '退款', '合并', '奖励'])
    expect(COIN_ACCOUNTS.map((account) => t(`finance.accounts.${account}`))).toEqual(['金币', '赠币'])
    expect(ORDER_STATES.map((state) => t(`orders.states.${state}`))).toEqual(['待支付', '已支付', '已关闭', '已退款'])
  })

  it('names them in English too', () => {
    const { t } = createAppI18n('en').global
    expect(LEDGER_TYPES.map((type) => t(`finance.ledgerTypes.${type}`))).toEqual([
      'Recharge',
      'Spend',
      'Grant',
      'Deduction',
      'Expiry',
      'Refund',
      'Merge',
      'Reward',
    ])
    expect(COIN_ACCOUNTS.map((account) => t(`finance.accounts.${account}`))).toEqual(['Coins', 'Bonus'])
  })

  it('fills the numbers into the finance messages', () => {
    const { t } = createAppI18n('zh-CN').global
    expect(t('finance.errors.insufficientCoins', { available: 200, required: 700 })).toBe('余额不足：当前共 200 金币，不够扣减 700 金币')
    expect(t('orders.refund.spentDetail', { credited: 900, recoverable: 200, shortfall: 700 })).toBe(
      '本单共发放 900 金币（含赠币），目前只能收回 200 金币，另有 700 金币已被消费、无法收回。',
    )
  })
})
