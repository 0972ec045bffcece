import type { PackageInput, RechargePackage } from '@/api/recharge-packages'
import { PLATFORMS, type Platform } from '@/api/users'
import { fenToYuan, yuanToFen } from './money'

// ---------------------------------------------------------------------------------------------
// The recharge package form: the price is edited in yuan, the API takes fen.

export interface PackageForm {
  name: string
  /** Yuan, two decimals; null while empty. */
  price: number | null
  coins: number | null
  bonusCoins: number
  bonusExpiresDays: number
  firstRechargeBonus: number
  platforms: Platform[]
  badge: string
  appleProductId: string
  sort: number
  isActive: boolean
}

/** A new package: on every platform, no bonus, bonus coins (if any) kept 30 days, placed last. */
export function emptyPackageForm(sort = 0): PackageForm {
  return {
    name: '',
    price: null,
    coins: null,
    bonusCoins: 0,
    bonusExpiresDays: 30,
    firstRechargeBonus: 0,
    platforms: [...PLATFORMS],
    badge: '',
    appleProductId: '',
    sort,
    isActive: true,
  }
}

export function packageToForm(pkg: RechargePackage): PackageForm {
  return {
    name: pkg.name,
    price: fenToYuan(pkg.priceFen),
    coins: pkg.coins,
    bonusCoins: pkg.bonusCoins,
    bonusExpiresDays: pkg.bonusExpiresDays,
    firstRechargeBonus: pkg.firstRechargeBonus,
    platforms: [...pkg.platforms],
    badge: pkg.badge ?? '',
    appleProductId: pkg.appleProductId ?? '',
    sort: pkg.sort,
    isActive: pkg.isActive,
  }
}

/** Trimmed text (blank badge and product id → null), the price in fen, platforms in a fixed order. */
export function packageInputOf(form: PackageForm): PackageInput {
  const badge = form.badge.trim()
  const appleProductId = form.appleProductId.trim()
  return {
    name: form.name.trim(),
    priceFen: yuanToFen(form.price) ?? 0,
    coins: form.coins ?? 0,
    bonusCoins: form.bonusCoins,
    bonusExpiresDays: form.bonusExpiresDays,
    firstRechargeBonus: form.firstRechargeBonus,
    platforms: PLATFORMS.filter((platform) => form.platforms.includes(platform)),
    badge: badge === '' ? null : badge,
    appleProductId: appleProductId === '' ? null : appleProductId,
    sort: form.sort,
    isActive: form.isActive,
  }
}

/** Only what differs from the saved package, so an unchanged form sends nothing. */
export function packageChanges(pkg: RechargePackage, input: PackageInput): Partial<PackageInput> {
  const saved = packageInputOf(packageToForm(pkg))
  const changes: Partial<PackageInput> = {}
  for (const key of Object.keys(input) as (keyof PackageInput)[]) {
    if (JSON.stringify(input[key]) !== JSON.stringify(saved[key])) Object.assign(changes, { [key]: input[key] })
  }
  return changes
}

// ---------------------------------------------------------------------------------------------
// Provider callbacks: the server records what each one did as a short code.

export interface OutcomeText {
  /** i18n key under finance.outcomes. */
  key: string
  params: Record<string, string>
}

/**
 * `paid`, `closed`, `duplicate`, `amount_mismatch`, `provider_mismatch`, `still_pending`,
 * `unknown_order`, `ignored_<state>` and `rejected: <why>` (a callback whose signature failed).
 */
export function callbackOutcome(outcome: string | null): OutcomeText {
  const code = outcome ?? ''
  if (code.startsWith('rejected')) return { key: 'finance.outcomes.rejected', params: {} }
  const ignored = /^ignored_(.+)$/.exec(code)
  if (ignored) return { key: 'finance.outcomes.ignored', params: { state: ignored[1] ?? '' } }
  return { key: `finance.outcomes.${code}`, params: {} }
}

// ---------------------------------------------------------------------------------------------
// Error codes of the finance endpoints, worded for people (the server's messages are English).

export const FINANCE_ERROR_KEYS: Readonly<Record<string, string>> = {
  ORDER_NOT_REFUNDABLE: 'finance.errors.orderNotRefundable',
  REFUND_NOT_SUPPORTED: 'finance.errors.refundNotSupported',
  PAYMENT_PROVIDER_ERROR: 'finance.errors.providerError',
  INSUFFICIENT_COINS: 'finance.errors.insufficientCoins',
  NOT_FOUND: 'finance.errors.notFound',
}

/** `details.credited` / `details.recoverable` of a COINS_ALREADY_SPENT answer, or null. */
export function spentCoinsOf(details: Record<string, unknown> | undefined): { credited: number; recoverable: number } | null {
  const credited = details?.credited
  const recoverable = details?.recoverable
  if (typeof credited !== 'number' || typeof recoverable !== 'number') return null
  return { credited, recoverable }
}
