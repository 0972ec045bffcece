import { describe, expect, it } from 'vitest'
import type { RechargePackage } from '@/api/recharge-packages'
import { callbackOutcome, emptyPackageForm, packageChanges, packageInputOf, packageToForm, spentCoinsOf } from '@/utils/finance'
import { createSubmissionKeys, newIdempotencyKey } from '@/utils/idempotency'
import { fenToYuan, formatFen, formatSignedCoins, yuanToFen } from '@/utils/money'

describe('yuanToFen', () => {
  it('converts typed yuan to integer fen without float errors', () => {
    expect(yuanToFen(19.99)).toBe(1999)
    expect(19.99 * 100).not.toBe(1999)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(1.1 + 2.2)).toBe(330)
    expect(yuanToFen(0.07)).toBe(7)
    expect(yuanToFen(4.35)).toBe(435)
    expect(yuanToFen(1.005)).toBe(101)
    expect(yuanToFen(100_000)).toBe(10_000_000)
    expect(yuanToFen(0)).toBe(0)
  })

  it('reads text the way people write amounts', () => {
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen(' ¥1,234.5 ')).toBe(123_450)
    expect(yuanToFen('.5')).toBe(50)
    expect(yuanToFen('6')).toBe(600)
    expect(yuanToFen('0.125')).toBe(13)
    expect(yuanToFen('-5.01')).toBe(-501)
  })

  it('answers null for blank, unreadable or unsafe input', () => {
    for (const value of [null, undefined, '', ' ', '.', 'abc', '1.2.3', '1e3', Number.NaN, Number.POSITIVE_INFINITY, 1e300]) {
      expect(yuanToFen(value), String(value)).toBeNull()
    }
  })

  it('round-trips with fenToYuan for every cent of the first hundred yuan', () => {
    for (let fen = 0; fen <= 10_000; fen++) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
    expect(fenToYuan(1999)).toBe(19.99)
    expect(fenToYuan(null)).toBeNull()
  })
})

describe('formatFen and formatSignedCoins', () => {
  it('shows fen as yuan with two decimals and a thousands separator', () => {
    expect(formatFen(1999)).toBe('¥19.99')
    expect(formatFen(600)).toBe('¥6.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(123_456_789)).toBe('¥1,234,567.89')
    expect(formatFen(-500)).toBe('-¥5.00')
    expect(formatFen(null)).toBe('—')
  })

  it('signs coin amounts', () => {
    expect(formatSignedCoins(100)).toBe('+100')
    expect(formatSignedCoins(-1500)).toBe('−1,500')
    expect(formatSignedCoins(0)).toBe('0')
  })
})

describe('idempotency keys', () => {
  it('makes a fresh random key each time', () => {
    const key = newIdempotencyKey()
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    expect(newIdempotencyKey()).not.toBe(key)
  })

  it('keeps one key per submission: the same input reuses it, a change or a reset makes a new one', () => {
    let made = 0
    const keys = createSubmissionKeys(() => `k${++made}`)
    const grant = { userId: '5', paid: 100, reason: '补偿' }
    expect(keys.keyFor(grant)).toBe('k1')
    expect(keys.keyFor({ ...grant })).toBe('k1')
    expect(keys.keyFor({ ...grant, paid: 200 })).toBe('k2')
    expect(keys.keyFor({ ...grant, paid: 200 })).toBe('k2')
    keys.reset()
    expect(keys.keyFor({ ...grant, paid: 200 })).toBe('k3')
  })
})

const saved: RechargePackage = {
  id: 7,
  name: '1999金币',
  priceFen: 1999,
  coins: 1999,
  bonusCoins: 100,
  bonusExpiresDays: 30,
  firstRechargeBonus: 0,
  platforms: ['h5', 'app-android'],
  badge: null,
  appleProductId: null,
  sort: 2,
  isActive: true,
  startsAt: null,
  endsAt: null,
}

describe('the package form', () => {
  it('starts on every platform with the price empty', () => {
    expect(emptyPackageForm(4)).toMatchObject({ price: null, coins: null, platforms: ['app-android', 'app-ios', 'h5', 'mp-weixin'], sort: 4, isActive: true })
  })

  it('edits the price in yuan and sends fen, trimmed text and platforms in a fixed order', () => {
    const form = packageToForm(saved)
    expect(form.price).toBe(19.99)
    expect(packageInputOf({ ...form, price: 0.1 + 0.2, badge: '  ', appleProductId: ' com.duanju.coins ' })).toEqual({
      name: '1999金币',
      priceFen: 30,
      coins: 1999,
      bonusCoins: 100,
      bonusExpiresDays: 30,
      firstRechargeBonus: 0,
      platforms: ['app-android', 'h5'],
      badge: null,
      appleProductId: 'com.duanju.coins',
      sort: 2,
      isActive: true,
    })
  })

  it('sends only what changed', () => {
    const form = packageToForm(saved)
    expect(packageChanges(saved, packageInputOf(form))).toEqual({})
    expect(packageChanges(saved, packageInputOf({ ...form, price: 29.9, platforms: ['app-android', 'h5', 'mp-weixin'] }))).toEqual({
      priceFen: 2990,
      platforms: ['app-android', 'h5', 'mp-weixin'],
    })
  })
})

describe('callback outcomes and refund conflicts', () => {
  it('maps the recorded outcome codes to label keys', () => {
    expect(callbackOutcome('paid')).toEqual({ key: 'finance.outcomes.paid', params: {} })
    expect(callbackOutcome('rejected: bad signature')).toEqual({ key: 'finance.outcomes.rejected', params: {} })
    expect(callbackOutcome('ignored_refunded')).toEqual({ key: 'finance.outcomes.ignored', params: { state: 'refunded' } })
    expect(callbackOutcome(null).key).toBe('finance.outcomes.')
  })

  it('reads credited and recoverable coins from a COINS_ALREADY_SPENT answer', () => {
    expect(spentCoinsOf({ credited: 900, recoverable: 200 })).toEqual({ credited: 900, recoverable: 200 })
    expect(spentCoinsOf({ credited: '900' })).toBeNull()
    expect(spentCoinsOf(undefined)).toBeNull()
  })
})
