import type { BonusLot, LedgerAccount, LedgerEntry, LedgerType, Wallet } from '@/api/wallet'
import type { MessageKey } from '@/locale'
import type { Translate } from './errors'

/** Integer fen as yuan: 600 → "¥6.00", 128800 → "¥1,288.00". */
export function formatFen(fen: number): string {
  const value = Math.round(fen)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`
}

/** A ledger amount with its sign: "+600", "−300" (a real minus sign, as in print). */
export function formatSignedCoins(amount: number): string {
  if (amount > 0) return `+${amount}`
  if (amount < 0) return `\u2212${Math.abs(amount)}`
  return '0'
}

const LEDGER_TYPES: Record<LedgerType, MessageKey> = {
  recharge: 'ledger.typeRecharge',
  spend: 'ledger.typeSpend',
  grant: 'ledger.typeGrant',
  deduct: 'ledger.typeDeduct',
  expire: 'ledger.typeExpire',
  refund: 'ledger.typeRefund',
  merge: 'ledger.typeMerge',
  reward: 'ledger.typeReward',
}

/** 充值, 消费, 赠送, 扣减, 过期, 退款, 合并, 奖励; a type this client does not know yet reads 其他. */
export function ledgerTypeLabel(type: string, t: Translate): string {
  // hasOwnProperty, not `in` or Object.hasOwn: "toString" is no type, and older iOS JS engines lack hasOwn.
  const known = Object.prototype.hasOwnProperty.call(LEDGER_TYPES, type)
  return t(known ? LEDGER_TYPES[type as LedgerType] : 'ledger.typeOther')
}

/** 金币 (paid coins) or 赠币 (bonus coins). */
export function accountLabel(account: LedgerAccount, t: Translate): string {
  return t(account === 'bonus' ? 'wallet.bonusCoins' : 'wallet.paidCoins')
}

export function isCredit(entry: Pick<LedgerEntry, 'amount'>): boolean {
  return entry.amount > 0
}

const pad = (n: number) => String(n).padStart(2, '0')

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

/** "12月21日" this year, "2027年1月3日" another year ("Dec 21", "Jan 3, 2027"), in the device's time zone. */
export function formatDate(date: Date, t: Translate, now: Date = new Date()): string {
  const month = t(`month.${date.getMonth() + 1}` as MessageKey)
  const day = date.getDate()
  return date.getFullYear() === now.getFullYear()
    ? t('date.monthDay', { month, day })
    : t('date.yearMonthDay', { year: date.getFullYear(), month, day })
}

/** When a bonus lot runs out: "今天 20:00", "明天 08:00", otherwise the date. */
export function formatExpiry(date: Date, t: Translate, now: Date = new Date()): string {
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  if (sameDay(date, now)) return t('date.todayAt', { time })
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  if (sameDay(date, tomorrow)) return t('date.tomorrowAt', { time })
  return formatDate(date, t, now)
}

/**
 * The nearest expiries as sentences ("100 赠币将于 12月21日 过期"). Lots that read the same (same
 * day, or the same minute today and tomorrow) are added up; lots already past are left out.
 */
export function bonusExpiryNotices(lots: BonusLot[], t: Translate, now: Date = new Date(), max = 3): string[] {
  const groups: { when: string; coins: number }[] = []
  const upcoming = lots
    .map((lot) => ({ coins: lot.coins, at: new Date(lot.expiresAt) }))
    .filter((lot) => lot.coins > 0 && !Number.isNaN(lot.at.getTime()) && lot.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  for (const lot of upcoming) {
    const when = formatExpiry(lot.at, t, now)
    const last = groups[groups.length - 1]
    if (last && last.when === when) last.coins += lot.coins
    else groups.push({ when, coins: lot.coins })
  }
  return groups.slice(0, max).map((group) => t('wallet.bonusExpires', { coins: group.coins, when: group.when }))
}

/** A ledger time: "11-21 20:48" this year, "2025-11-21 20:48" before (device time zone). */
export function formatLedgerTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const monthDay = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return date.getFullYear() === now.getFullYear() ? `${monthDay} ${time}` : `${date.getFullYear()}-${monthDay} ${time}`
}

/** The Me tab's wallet row: "600 金币", or "600 金币 · 300 赠币" with bonus coins. */
export function balanceSummary(wallet: Pick<Wallet, 'paidCoins' | 'bonusCoins'>, t: Translate): string {
  const paid = t('wallet.coinsAmount', { n: wallet.paidCoins })
  return wallet.bonusCoins > 0 ? `${paid} · ${t('wallet.bonusAmount', { n: wallet.bonusCoins })}` : paid
}
