import { compactQuery, http, type CursorPage, type PageRequest } from './http'

/** Every kind of ledger transfer the coins module records. */
export const LEDGER_TYPES = ['recharge', 'spend', 'grant', 'deduct', 'expire', 'refund', 'merge', 'reward'] as const
export type LedgerType = (typeof LEDGER_TYPES)[number]

/** Paid coins (bought, never expire) and bonus coins (given, in lots that expire; spent first). */
export const COIN_ACCOUNTS = ['paid', 'bonus'] as const
export type CoinAccount = (typeof COIN_ACCOUNTS)[number]

export interface BonusLot {
  coins: number
  expiresAt: string
}

export interface WalletSummary {
  paidCoins: number
  bonusCoins: number
  /** Bonus lots still holding coins, earliest expiry first. */
  bonusExpiring: BonusLot[]
}

/** One side of a transfer on the viewer's paid or bonus account; `amount` is signed. */
export interface LedgerEntry {
  id: number
  type: LedgerType | string
  account: CoinAccount
  amount: number
  balanceAfter: number
  reference: { type: string; id: string } | null
  memo: string | null
  createdAt: string
}

export interface WalletPage {
  wallet: WalletSummary
  ledger: CursorPage<LedgerEntry>
}

export interface GrantInput {
  paid?: number
  bonus?: number
  /** Days until the granted bonus coins expire (server default 30). */
  bonusExpiresInDays?: number
  reason: string
}

export interface DeductInput {
  amount: number
  reason: string
}

/** What a grant or deduction answers; `duplicate` when the same Idempotency-Key was already applied. */
export interface AdjustmentResult {
  transferId: number
  duplicate: boolean
  wallet: WalletSummary
}

export const ADJUST_REASON_MIN = 2
export const ADJUST_REASON_MAX = 200
export const ADJUST_COINS_MAX = 10_000_000
export const BONUS_DAYS_MAX = 3650
export const BONUS_DAYS_DEFAULT = 30

function walletPath(userId: number | string, action = ''): string {
  return `/admin/v1/users/${encodeURIComponent(String(userId))}${action}`
}

/**
 * The viewer's balances and one page of their ledger, newest first. Silent: the wallet page shows
 * an unknown viewer itself.
 */
export function getWallet(userId: number | string, page: PageRequest = {}): Promise<WalletPage> {
  return http.get<WalletPage>(walletPath(userId, '/wallet'), { query: compactQuery({ limit: page.limit, cursor: page.cursor }), silent: true })
}

/**
 * Gives the viewer paid and/or bonus coins. `idempotencyKey` makes a repeated submission (double
 * click, retry after a lost answer) apply once. The dialog shows errors itself, so no toast.
 */
export function grantCoins(userId: number | string, input: GrantInput, idempotencyKey: string): Promise<AdjustmentResult> {
  return http.post<AdjustmentResult>(walletPath(userId, '/coins/grant'), { ...input, reason: input.reason.trim() }, {
    headers: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  })
}

/** Takes coins away (bonus first, then paid); 402 INSUFFICIENT_COINS when the wallet holds fewer. */
export function deductCoins(userId: number | string, input: DeductInput, idempotencyKey: string): Promise<AdjustmentResult> {
  return http.post<AdjustmentResult>(walletPath(userId, '/coins/deduct'), { ...input, reason: input.reason.trim() }, {
    headers: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  })
}
