import { describe, expect, it } from 'vitest'
import type { LedgerType } from '@/api/wallet'
import { translate, type AppLocale, type MessageKey } from '@/locale'
import { orderUrl, parseOrderNo } from '@/utils/navigation'
import {
  accountLabel,
  balanceSummary,
  bonusExpiryNotices,
  formatDate,
  formatExpiry,
  formatFen,
  formatLedgerTime,
  formatSignedCoins,
  isCredit,
  ledgerTypeLabel,
} from '@/utils/wallet'

const translator = (locale: AppLocale) => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
const zh = translator('zh-Hans')
const en = translator('en')

// Dates are built from local parts, so the expectations hold in any time zone the tests run in.
const local = (year: number, month: number, day: number, hours = 0, minutes = 0) => new Date(year, month - 1, day, hours, minutes)
const NOW = local(2026, 11, 21, 10, 30)

describe('fen → ¥', () => {
  it.each([
    [600, '¥6.00'],
    [1800, '¥18.00'],
    [4800, '¥48.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [0, '¥0.00'],
    [1005, '¥10.05'],
    [128800, '¥1,288.00'],
    [123456789, '¥1,234,567.89'],
    [-600, '-¥6.00'],
  ])('%i fen is %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('ledger amounts and labels', () => {
  it('signs amounts with + and a real minus', () => {
    expect(formatSignedCoins(600)).toBe('+600')
    expect(formatSignedCoins(-60)).toBe('\u221260')
    expect(formatSignedCoins(0)).toBe('0')
    expect(isCredit({ amount: 1 })).toBe(true)
    expect(isCredit({ amount: -1 })).toBe(false)
  })

  it('names every ledger type in Chinese', () => {
    const types: LedgerType[] = ['recharge', 'spend', 'grant', 'deduct', 'expire', 'refund', 'merge', 'reward']
    expect(types.map((type) => ledgerTypeLabel(type, zh))).toEqual(['充值', '消费', '赠送', '扣减', '过期', '退款', '合并', '奖励'])
    expect(types.map((type) => ledgerTypeLabel(type, en))).toEqual(['Top-up', 'Spent', 'Gift', 'Deduction', 'Expired', 'Refund', 'Merged', 'Reward'])
  })

  it('calls a type it does not know 其他 rather than showing a code', () => {
    expect(ledgerTypeLabel('chargeback', zh)).toBe('其他')
    expect(ledgerTypeLabel('toString', zh)).toBe('其他')
  })

  it('names the accounts 金币 and 赠币', () => {
    expect(accountLabel('paid', zh)).toBe('金币')
    expect(accountLabel('bonus', zh)).toBe('赠币')
    expect(accountLabel('bonus', en)).toBe('Bonus coins')
  })

  it('shows ledger times without the year when it is this year', () => {
    expect(formatLedgerTime(local(2026, 3, 5, 8, 7).toISOString(), NOW)).toBe('03-05 08:07')
    expect(formatLedgerTime(local(2025, 12, 31, 23, 59).toISOString(), NOW)).toBe('2025-12-31 23:59')
    expect(formatLedgerTime('not a date', NOW)).toBe('')
  })

  it('sums up the balance for the Me tab', () => {
    expect(balanceSummary({ paidCoins: 0, bonusCoins: 0 }, zh)).toBe('0 金币')
    expect(balanceSummary({ paidCoins: 600, bonusCoins: 300 }, zh)).toBe('600 金币 · 300 赠币')
    expect(balanceSummary({ paidCoins: 600, bonusCoins: 300 }, en)).toBe('600 coins · 300 bonus coins')
  })
})

describe('bonus expiry wording', () => {
  it('gives the month and day this year, with the year otherwise', () => {
    expect(formatDate(local(2026, 12, 21, 16), zh, NOW)).toBe('12月21日')
    expect(formatDate(local(2027, 1, 3), zh, NOW)).toBe('2027年1月3日')
    expect(formatDate(local(2026, 12, 21), en, NOW)).toBe('Dec 21')
    expect(formatDate(local(2027, 1, 3), en, NOW)).toBe('Jan 3, 2027')
  })

  it('says 今天 / 明天 with the time when it is that close', () => {
    expect(formatExpiry(local(2026, 11, 21, 20, 0), zh, NOW)).toBe('今天 20:00')
    expect(formatExpiry(local(2026, 11, 22, 8, 5), zh, NOW)).toBe('明天 08:05')
    expect(formatExpiry(local(2026, 11, 23, 8, 5), zh, NOW)).toBe('11月23日')
    expect(formatExpiry(local(2026, 11, 22, 8, 5), en, NOW)).toBe('tomorrow at 08:05')
    // Across a month and a year end.
    expect(formatExpiry(local(2027, 1, 1, 9, 0), zh, local(2026, 12, 31, 12, 0))).toBe('明天 09:00')
  })

  it('reads "100 赠币将于 12月21日 过期"', () => {
    const notices = bonusExpiryNotices([{ coins: 100, expiresAt: local(2026, 12, 21, 16).toISOString() }], zh, NOW)
    expect(notices).toEqual(['100 赠币将于 12月21日 过期'])
    expect(bonusExpiryNotices([{ coins: 100, expiresAt: local(2026, 12, 21, 16).toISOString() }], en, NOW)).toEqual(['100 bonus coins expire Dec 21'])
  })

  it('lists the nearest first, adds up lots of the same day and leaves out spent or past ones', () => {
    const lots = [
      { coins: 200, expiresAt: local(2027, 2, 1).toISOString() },
      { coins: 100, expiresAt: local(2026, 12, 21, 9).toISOString() },
      { coins: 50, expiresAt: local(2026, 12, 21, 18).toISOString() },
      { coins: 0, expiresAt: local(2026, 12, 1).toISOString() },
      { coins: 70, expiresAt: local(2026, 11, 20).toISOString() },
      { coins: 30, expiresAt: local(2026, 11, 21, 23, 0).toISOString() },
    ]
    expect(bonusExpiryNotices(lots, zh, NOW)).toEqual(['30 赠币将于 今天 23:00 过期', '150 赠币将于 12月21日 过期', '200 赠币将于 2027年2月1日 过期'])
    expect(bonusExpiryNotices(lots, zh, NOW, 2)).toHaveLength(2)
    expect(bonusExpiryNotices([], zh, NOW)).toEqual([])
  })
})

describe('order page address', () => {
  it('carries the order number and whether the viewer cancelled', () => {
    expect(orderUrl('DJ2026112120472897497796')).toBe('/pages/wallet/order?orderNo=DJ2026112120472897497796')
    expect(orderUrl('DJ1', { cancelled: true })).toBe('/pages/wallet/order?orderNo=DJ1&cancelled=1')
  })

  it('accepts order numbers only', () => {
    expect(parseOrderNo('DJ2026112120472897497796')).toBe('DJ2026112120472897497796')
    expect(parseOrderNo(' DJ1 ')).toBe('DJ1')
    expect(parseOrderNo('')).toBeNull()
    expect(parseOrderNo('../me')).toBeNull()
    expect(parseOrderNo('x'.repeat(33))).toBeNull()
    expect(parseOrderNo(undefined)).toBeNull()
    expect(parseOrderNo(42)).toBeNull()
  })
})
