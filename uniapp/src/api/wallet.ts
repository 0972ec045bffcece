import type { Page } from './catalog'
import { request } from './request'

// Local shapes of the coins module's answers (docs/api.md, "Wallet") until the backend exports
// its response types. Coins are integers.

/** A bonus lot still to be spent, earliest expiry first. */
export interface BonusLot {
  coins: number
  /** ISO 8601 instant. */
  expiresAt: string
}

export interface Wallet {
  /** Bought coins; they never expire. */
  paidCoins: number
  /** Bonus coins, spent before paid coins, each lot with its own expiry. */
  bonusCoins: number
  bonusExpiring: BonusLot[]
  /** Filled by the tasks module when it lands; 0 until then. */
  points: number
  vip: { active: boolean; plan: string | null; expiresAt: string | null }
}

export type LedgerType = 'recharge' | 'spend' | 'grant' | 'deduct' | 'expire' | 'refund' | 'merge' | 'reward'
export type LedgerAccount = 'paid' | 'bonus'

export interface LedgerEntry {
  id: number
  type: LedgerType
  account: LedgerAccount
  /** Signed: positive credits, negative debits. */
  amount: number
  balanceAfter: number
  reference: { type: string; id: string | number } | null
  memo: string | null
  createdAt: string
}

/** The ledger pages of 1–100 entries; the API defaults to 20. */
export const LEDGER_MAX_PAGE_SIZE = 100

export function fetchWallet(): Promise<Wallet> {
  return request<Wallet>('/api/v1/wallet')
}

/** The viewer's entries, newest first. Empty parameters are left out. */
export function fetchLedger(params: { limit?: number; cursor?: string | null } = {}): Promise<Page<LedgerEntry>> {
  const data: Record<string, string | number> = {}
  if (params.limit !== undefined) data.limit = params.limit
  if (params.cursor) data.cursor = params.cursor
  return request<Page<LedgerEntry>>('/api/v1/wallet/ledger', { data })
}
