import db from '@adonisjs/lucid/services/db'

export interface AuditProblem {
  check: string
  detail: string
}

/** Extra invariants other modules add (payments: every paid order has exactly one credit). */
type ExtraCheck = () => Promise<AuditProblem[]>
const extraChecks = new Map<string, ExtraCheck>()
export const ledgerChecks = {
  register(name: string, check: ExtraCheck) {
    extraChecks.set(name, check)
  },
}

/**
 * Proves the ledger's invariants from the raw tables: each transfer sums to zero, each cached
 * balance equals the sum of its entries (and its last balance_after), no viewer balance is
 * negative, each viewer's bonus balance equals the coins left in their bonus lots.
 */
export class LedgerAuditService {
  async run(): Promise<{ problems: AuditProblem[]; stats: Record<string, number> }> {
    const problems: AuditProblem[] = []

    const unbalanced = await db
      .from('coin_entries')
      .select('transfer_id')
      .sum('amount as total')
      .groupBy('transfer_id')
      .havingRaw('SUM(amount) <> 0')
    for (const row of unbalanced)
      problems.push({
        check: 'transfer_sums_to_zero',
        detail: `transfer ${row.transfer_id} sums to ${row.total}`,
      })

    const drift = await db
      .from('coin_accounts')
      .leftJoin('coin_entries', 'coin_entries.account_id', 'coin_accounts.id')
      .groupBy('coin_accounts.id', 'coin_accounts.key', 'coin_accounts.balance')
      .select('coin_accounts.id', 'coin_accounts.key', 'coin_accounts.balance')
      .select(db.raw('COALESCE(SUM(coin_entries.amount), 0) as total'))
    for (const row of drift) {
      if (Number(row.balance) !== Number(row.total)) {
        problems.push({
          check: 'cached_balance',
          detail: `${row.key}: cached ${row.balance}, entries sum ${row.total}`,
        })
      }
      if (String(row.key).startsWith('user:') && Number(row.balance) < 0) {
        problems.push({ check: 'no_negative_balance', detail: `${row.key} is ${row.balance}` })
      }
    }

    const lotsVsBonus = await db
      .from('coin_accounts')
      .where('kind', 'bonus')
      .whereNotNull('user_id')
      .select('user_id', 'balance')
      .select(
        db.raw(
          '(SELECT COALESCE(SUM(remaining), 0) FROM coin_bonus_lots WHERE coin_bonus_lots.user_id = coin_accounts.user_id) as lots'
        )
      )
    for (const row of lotsVsBonus) {
      if (Number(row.balance) !== Number(row.lots)) {
        problems.push({
          check: 'bonus_lots',
          detail: `user ${row.user_id}: bonus ${row.balance}, lots hold ${row.lots}`,
        })
      }
    }

    for (const [name, check] of extraChecks) {
      for (const problem of await check())
        problems.push({ ...problem, check: `${name}:${problem.check}` })
    }

    const stats = {
      transfers: Number((await db.from('coin_transfers').count('* as n').first())?.n ?? 0),
      entries: Number((await db.from('coin_entries').count('* as n').first())?.n ?? 0),
      accounts: drift.length,
    }
    return { problems, stats }
  }
}
