import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { AppError } from '#core/exceptions/app_error'
import { isUniqueViolation } from '#core/database/errors'
import { dbTime, fromDb } from '#core/database/time'

export type PlatformAccount =
  'payments' | 'promotions' | 'revenue' | 'expired' | 'refunds' | 'adjustments'
export type TransferType =
  'recharge' | 'spend' | 'grant' | 'deduct' | 'expire' | 'refund' | 'merge' | 'reward'

export interface Reference {
  type: string
  id: string | number
}

export interface TransferResult {
  transferId: number
  /** True when the idempotency key had been used: nothing changed this time. */
  duplicate: boolean
}

export interface SpendResult extends TransferResult {
  fromBonus: number
  fromPaid: number
}

interface Account {
  id: number
  key: string
  balance: number
}

interface EntryDraft {
  account: Account
  amount: number
  lotId?: number
}

const userKey = (userId: number, kind: 'paid' | 'bonus') => `user:${userId}:${kind}`
const platformKey = (kind: PlatformAccount) => `platform:${kind}`

function positive(amount: number, field = 'amount') {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError(422, 'VALIDATION_FAILED', 'Some fields are invalid', {
      fields: [{ field, rule: 'positive', message: 'Coins are a positive whole number' }],
    })
  }
}

/**
 * The only code that changes coin balances. Every change is a transfer whose entries sum to
 * zero (double entry); cached balances move in the same transaction. Viewer accounts are locked
 * (SELECT … FOR UPDATE) before platform accounts, always in that order, so concurrent transfers
 * neither lose updates nor deadlock; a viewer balance never goes below zero.
 */
export class WalletService {
  /** Finds or creates the account and locks its row for this transaction. */
  async #lock(
    trx: TransactionClientContract,
    key: string,
    userId: number | null,
    kind: string
  ): Promise<Account> {
    const now = dbTime(DateTime.utc())
    const existing = await trx.from('coin_accounts').where('key', key).forUpdate().first()
    if (existing) return { id: existing.id, key, balance: Number(existing.balance) }
    await trx
      .table('coin_accounts')
      .insert({ key, user_id: userId, kind, balance: 0, created_at: now, updated_at: now })
      .onConflict('key')
      .ignore()
    const row = await trx.from('coin_accounts').where('key', key).forUpdate().firstOrFail()
    return { id: row.id, key, balance: Number(row.balance) }
  }

  #lockUser(trx: TransactionClientContract, userId: number, kind: 'paid' | 'bonus') {
    return this.#lock(trx, userKey(userId, kind), userId, kind)
  }

  #lockPlatform(trx: TransactionClientContract, kind: PlatformAccount) {
    return this.#lock(trx, platformKey(kind), null, kind)
  }

  /** Writes the entries and the new balances; refuses anything that does not sum to zero. */
  async #post(trx: TransactionClientContract, transferId: number, entries: EntryDraft[]) {
    const sum = entries.reduce((n, e) => n + e.amount, 0)
    if (sum !== 0) throw new Error(`transfer ${transferId} does not balance (${sum})`)
    const now = dbTime(DateTime.utc())
    for (const entry of entries) {
      if (entry.amount === 0) continue
      entry.account.balance += entry.amount
      if (entry.account.key.startsWith('user:') && entry.account.balance < 0) {
        throw new Error(`account ${entry.account.key} would go negative`)
      }
      await trx.table('coin_entries').insert({
        transfer_id: transferId,
        account_id: entry.account.id,
        amount: entry.amount,
        balance_after: entry.account.balance,
        lot_id: entry.lotId ?? null,
        created_at: now,
      })
      await trx
        .from('coin_accounts')
        .where('id', entry.account.id)
        .update({ balance: entry.account.balance, updated_at: now })
    }
  }

  /**
   * Runs `body` in a transaction that starts by claiming the idempotency key. A key already
   * claimed (a retry, a replayed callback) returns the first transfer and changes nothing.
   */
  async #transfer<T extends object>(
    input: {
      type: TransferType
      key: string
      userId: number | null
      reference?: Reference
      memo?: string
      /** An enclosing transaction (e.g. a guest merge): the transfer commits or rolls back with it. */
      outer?: TransactionClientContract
    },
    body: (trx: TransactionClientContract, transferId: number) => Promise<T>
  ): Promise<T & TransferResult> {
    const run = <R>(cb: (trx: TransactionClientContract) => Promise<R>) =>
      input.outer ? input.outer.transaction(cb) : db.transaction(cb)
    try {
      return await run(async (trx) => {
        const [row] = await trx
          .table('coin_transfers')
          .insert({
            type: input.type,
            idempotency_key: input.key,
            user_id: input.userId,
            reference_type: input.reference?.type ?? null,
            reference_id: input.reference ? String(input.reference.id) : null,
            memo: input.memo ?? null,
            created_at: dbTime(DateTime.utc()),
          })
          .returning('id')
        const transferId = Number(typeof row === 'object' ? row.id : row)
        const result = await body(trx, transferId)
        return { ...result, transferId, duplicate: false }
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      const first = await (input.outer ?? db)
        .from('coin_transfers')
        .where('idempotency_key', input.key)
        .first()
      if (!first) throw error
      if (
        first.type !== input.type ||
        (first.user_id !== null && Number(first.user_id) !== input.userId)
      ) {
        throw AppError.conflict(
          'IDEMPOTENCY_CONFLICT',
          'This idempotency key was used for a different operation'
        )
      }
      return { transferId: Number(first.id), duplicate: true } as T & TransferResult
    }
  }

  /**
   * Credits paid coins (from `source`, e.g. payments) and bonus lots (from promotions) in one
   * transfer. Used for recharges, grants, task rewards.
   */
  async credit(input: {
    userId: number
    paid?: number
    bonus?: { amount: number; expiresAt: DateTime }[]
    source: PlatformAccount
    type: TransferType
    idempotencyKey: string
    reference?: Reference
    memo?: string
    outer?: TransactionClientContract
  }): Promise<TransferResult> {
    const paid = input.paid ?? 0
    const bonus = (input.bonus ?? []).filter((b) => b.amount > 0)
    if (paid < 0 || !Number.isSafeInteger(paid)) positive(paid, 'paid')
    for (const b of bonus) positive(b.amount, 'bonus')
    if (paid === 0 && bonus.length === 0) positive(0)
    return this.#transfer(
      {
        type: input.type,
        key: input.idempotencyKey,
        userId: input.userId,
        reference: input.reference,
        memo: input.memo,
        outer: input.outer,
      },
      async (trx, transferId) => {
        const paidAccount = await this.#lockUser(trx, input.userId, 'paid')
        const bonusAccount = await this.#lockUser(trx, input.userId, 'bonus')
        const entries: EntryDraft[] = []
        if (paid > 0) {
          entries.push(
            { account: paidAccount, amount: paid },
            { account: await this.#lockPlatform(trx, input.source), amount: -paid }
          )
        }
        if (bonus.length) {
          const promotions = await this.#lockPlatform(trx, 'promotions')
          for (const lot of bonus) {
            const [row] = await trx
              .table('coin_bonus_lots')
              .insert({
                user_id: input.userId,
                granted: lot.amount,
                remaining: lot.amount,
                expires_at: dbTime(lot.expiresAt),
                transfer_id: transferId,
                created_at: dbTime(DateTime.utc()),
              })
              .returning('id')
            const lotId = Number(typeof row === 'object' ? row.id : row)
            entries.push(
              { account: bonusAccount, amount: lot.amount, lotId },
              { account: promotions, amount: -lot.amount }
            )
          }
        }
        await this.#post(trx, transferId, entries)
        return {}
      }
    )
  }

  /**
   * Spends coins: bonus first (earliest expiry first), then paid. 402 INSUFFICIENT_COINS when
   * the live balance does not cover `amount`; nothing is taken then.
   */
  async spend(input: {
    userId: number
    amount: number
    idempotencyKey: string
    reference: Reference
    memo?: string
    /** Where the coins go: revenue (unlocks) by default, adjustments for staff deductions. */
    sink?: PlatformAccount
    type?: TransferType
  }): Promise<SpendResult> {
    positive(input.amount)
    return this.#transfer(
      {
        type: input.type ?? 'spend',
        key: input.idempotencyKey,
        userId: input.userId,
        reference: input.reference,
        memo: input.memo,
      },
      async (trx, transferId) => {
        const paidAccount = await this.#lockUser(trx, input.userId, 'paid')
        const bonusAccount = await this.#lockUser(trx, input.userId, 'bonus')
        const now = dbTime(DateTime.utc())
        const lots = await trx
          .from('coin_bonus_lots')
          .where('user_id', input.userId)
          .where('remaining', '>', 0)
          .where('expires_at', '>', now)
          .orderBy('expires_at', 'asc')
          .orderBy('id', 'asc')
          .forUpdate()
        const liveBonus = lots.reduce((n, l) => n + Number(l.remaining), 0)
        if (liveBonus + paidAccount.balance < input.amount) {
          throw new AppError(402, 'INSUFFICIENT_COINS', 'Not enough coins', {
            required: input.amount,
            available: liveBonus + paidAccount.balance,
          })
        }
        let left = input.amount
        let fromBonus = 0
        const entries: EntryDraft[] = []
        for (const lot of lots) {
          if (left === 0) break
          const take = Math.min(left, Number(lot.remaining))
          await trx
            .from('coin_bonus_lots')
            .where('id', lot.id)
            .update({ remaining: Number(lot.remaining) - take })
          entries.push({ account: bonusAccount, amount: -take, lotId: Number(lot.id) })
          left -= take
          fromBonus += take
        }
        if (left > 0) entries.push({ account: paidAccount, amount: -left })
        entries.push({
          account: await this.#lockPlatform(trx, input.sink ?? 'revenue'),
          amount: input.amount,
        })
        await this.#post(trx, transferId, entries)
        return { fromBonus, fromPaid: left }
      }
    )
  }

  /** What reversing a credit would recover now, without changing anything. */
  async reversalPreview(creditTransferId: number, userId: number) {
    const accounts = await db
      .from('coin_accounts')
      .whereIn('key', [userKey(userId, 'paid'), userKey(userId, 'bonus')])
    const paidAccount = accounts.find((a) => a.kind === 'paid')
    const entries = await db
      .from('coin_entries')
      .where('transfer_id', creditTransferId)
      .whereIn(
        'account_id',
        accounts.map((a) => a.id)
      )
    const paidCredited = entries
      .filter((e) => e.account_id === paidAccount?.id)
      .reduce((n, e) => n + Number(e.amount), 0)
    const lotIds = entries.filter((e) => e.lot_id).map((e) => Number(e.lot_id))
    const lots = lotIds.length ? await db.from('coin_bonus_lots').whereIn('id', lotIds) : []
    const credited = paidCredited + lots.reduce((n, l) => n + Number(l.granted), 0)
    const recoverable =
      Math.min(paidCredited, Number(paidAccount?.balance ?? 0)) +
      lots.reduce((n, l) => n + Number(l.remaining), 0)
    return { credited, recoverable }
  }

  /**
   * Takes back what a credit gave: its paid coins and what is left of its bonus lots, into
   * `sink` (refunds). When the viewer has already spent some of it, this refuses with 409
   * COINS_ALREADY_SPENT unless `force`, which takes what is there and reports the shortfall.
   */
  async reverseCredit(input: {
    creditTransferId: number
    userId: number
    idempotencyKey: string
    reference: Reference
    memo: string
    force: boolean
    outer?: TransactionClientContract
  }) {
    return this.#transfer(
      {
        type: 'refund',
        key: input.idempotencyKey,
        userId: input.userId,
        reference: input.reference,
        memo: input.memo,
        outer: input.outer,
      },
      async (trx, transferId) => {
        const paidAccount = await this.#lockUser(trx, input.userId, 'paid')
        const bonusAccount = await this.#lockUser(trx, input.userId, 'bonus')
        const credited = await trx
          .from('coin_entries')
          .where('transfer_id', input.creditTransferId)
          .whereIn('account_id', [paidAccount.id, bonusAccount.id])
          .select('account_id', 'amount', 'lot_id')
        const paidCredited = credited
          .filter((e) => e.account_id === paidAccount.id)
          .reduce((n, e) => n + Number(e.amount), 0)
        const lotIds = credited.filter((e) => e.lot_id).map((e) => Number(e.lot_id))
        const lots = lotIds.length
          ? await trx.from('coin_bonus_lots').whereIn('id', lotIds).forUpdate()
          : []
        const bonusCredited = lots.reduce((n, l) => n + Number(l.granted), 0)
        const bonusLeft = lots.reduce((n, l) => n + Number(l.remaining), 0)
        const paidTaken = Math.min(paidCredited, paidAccount.balance)
        const shortfall = paidCredited - paidTaken + (bonusCredited - bonusLeft)
        if (shortfall > 0 && !input.force) {
          throw AppError.conflict(
            'COINS_ALREADY_SPENT',
            'The viewer has already spent coins from this purchase',
            {
              credited: paidCredited + bonusCredited,
              recoverable: paidTaken + bonusLeft,
            }
          )
        }
        const sink = await this.#lockPlatform(trx, 'refunds')
        const entries: EntryDraft[] = []
        if (paidTaken > 0)
          entries.push(
            { account: paidAccount, amount: -paidTaken },
            { account: sink, amount: paidTaken }
          )
        for (const lot of lots) {
          const remaining = Number(lot.remaining)
          if (remaining === 0) continue
          await trx.from('coin_bonus_lots').where('id', lot.id).update({ remaining: 0 })
          entries.push(
            { account: bonusAccount, amount: -remaining, lotId: Number(lot.id) },
            { account: sink, amount: remaining }
          )
        }
        await this.#post(trx, transferId, entries)
        return { recovered: paidTaken + bonusLeft, shortfall }
      }
    )
  }

  /** Expires bonus lots whose time has passed (scheduled job). Returns how many coins expired. */
  async expireLots(now = DateTime.utc()) {
    const due = await db
      .from('coin_bonus_lots')
      .where('remaining', '>', 0)
      .where('expires_at', '<=', dbTime(now))
      .select('id', 'user_id')
      .orderBy('id')
    let expired = 0
    for (const lot of due) {
      const result = await this.#transfer(
        {
          type: 'expire',
          key: `expire:lot:${lot.id}`,
          userId: Number(lot.user_id),
          reference: { type: 'bonus_lot', id: lot.id },
        },
        async (trx, transferId) => {
          const bonusAccount = await this.#lockUser(trx, Number(lot.user_id), 'bonus')
          const locked = await trx
            .from('coin_bonus_lots')
            .where('id', lot.id)
            .forUpdate()
            .firstOrFail()
          const remaining = Number(locked.remaining)
          if (remaining > 0) {
            await trx.from('coin_bonus_lots').where('id', lot.id).update({ remaining: 0 })
            await this.#post(trx, transferId, [
              { account: bonusAccount, amount: -remaining, lotId: Number(lot.id) },
              { account: await this.#lockPlatform(trx, 'expired'), amount: remaining },
            ])
          }
          return { remaining }
        }
      )
      if (!result.duplicate) expired += (result as { remaining: number }).remaining
    }
    return expired
  }

  /**
   * Moves everything a guest holds (paid coins, live bonus lots with their expiry) to the account
   * it merged into, inside the merge transaction.
   */
  async moveAll(sourceUserId: number, targetUserId: number, outer: TransactionClientContract) {
    const result = await this.#transfer(
      {
        type: 'merge',
        key: `merge:${sourceUserId}`,
        userId: targetUserId,
        reference: { type: 'user', id: sourceUserId },
        outer,
      },
      async (trx, transferId) => {
        const [low, high] =
          sourceUserId < targetUserId ? [sourceUserId, targetUserId] : [targetUserId, sourceUserId]
        // Lock both viewers' accounts in id order, as every transfer does.
        const accounts = new Map<string, Account>()
        for (const userId of [low, high]) {
          accounts.set(`${userId}:paid`, await this.#lockUser(trx, userId, 'paid'))
          accounts.set(`${userId}:bonus`, await this.#lockUser(trx, userId, 'bonus'))
        }
        const from = (kind: 'paid' | 'bonus') => accounts.get(`${sourceUserId}:${kind}`)!
        const to = (kind: 'paid' | 'bonus') => accounts.get(`${targetUserId}:${kind}`)!
        const entries: EntryDraft[] = []
        let moved = 0
        const paid = from('paid').balance
        if (paid > 0) {
          entries.push(
            { account: from('paid'), amount: -paid },
            { account: to('paid'), amount: paid }
          )
          moved += paid
        }
        const now = dbTime(DateTime.utc())
        const lots = await trx
          .from('coin_bonus_lots')
          .where('user_id', sourceUserId)
          .where('remaining', '>', 0)
          .forUpdate()
        for (const lot of lots) {
          const remaining = Number(lot.remaining)
          await trx.from('coin_bonus_lots').where('id', lot.id).update({ remaining: 0 })
          const [row] = await trx
            .table('coin_bonus_lots')
            .insert({
              user_id: targetUserId,
              granted: remaining,
              remaining,
              expires_at: lot.expires_at,
              transfer_id: transferId,
              created_at: now,
            })
            .returning('id')
          const lotId = Number(typeof row === 'object' ? row.id : row)
          entries.push(
            { account: from('bonus'), amount: -remaining, lotId: Number(lot.id) },
            { account: to('bonus'), amount: remaining, lotId }
          )
          moved += remaining
        }
        await this.#post(trx, transferId, entries)
        return { moved }
      }
    )
    return result.duplicate ? 0 : (result as { moved: number }).moved
  }

  /** Every entry of the transfers that name `reference` (e.g. an order's credit and refund). */
  async entriesFor(reference: Reference) {
    const rows = await db
      .from('coin_entries')
      .join('coin_transfers', 'coin_transfers.id', 'coin_entries.transfer_id')
      .join('coin_accounts', 'coin_accounts.id', 'coin_entries.account_id')
      .where('coin_transfers.reference_type', reference.type)
      .where('coin_transfers.reference_id', String(reference.id))
      .orderBy('coin_entries.id', 'asc')
      .select(
        'coin_entries.id',
        'coin_entries.amount',
        'coin_entries.balance_after',
        'coin_entries.created_at',
        'coin_accounts.key as account',
        'coin_transfers.type',
        'coin_transfers.id as transfer_id'
      )
    return rows.map((r) => ({
      id: Number(r.id),
      transferId: Number(r.transfer_id),
      type: r.type as TransferType,
      account: String(r.account),
      amount: Number(r.amount),
      balanceAfter: Number(r.balance_after),
      createdAt: fromDb(r.created_at).toISO(),
    }))
  }

  /** How many credits of `type` each reference (e.g. each order) received. */
  async creditCounts(type: TransferType, referenceType: string): Promise<Map<string, number>> {
    const rows = await db
      .from('coin_transfers')
      .where('type', type)
      .where('reference_type', referenceType)
      .select('reference_id')
      .count('* as n')
      .groupBy('reference_id')
    return new Map(rows.map((r) => [String(r.reference_id), Number(r.n)]))
  }

  /** What the wallet page shows. Expired-but-not-yet-swept lots do not count. */
  async summary(userId: number, now = DateTime.utc()) {
    const accounts = await db
      .from('coin_accounts')
      .whereIn('key', [userKey(userId, 'paid'), userKey(userId, 'bonus')])
    const paid = Number(accounts.find((a) => a.kind === 'paid')?.balance ?? 0)
    const lots = await db
      .from('coin_bonus_lots')
      .where('user_id', userId)
      .where('remaining', '>', 0)
      .where('expires_at', '>', dbTime(now))
      .orderBy('expires_at', 'asc')
    return {
      paidCoins: paid,
      bonusCoins: lots.reduce((n, l) => n + Number(l.remaining), 0),
      bonusExpiring: lots.map((l) => ({
        coins: Number(l.remaining),
        expiresAt: fromDb(l.expires_at).toUTC().toISO(),
      })),
    }
  }

  /** The viewer's entries, newest first. */
  async ledger(userId: number, limit: number, cursor?: number) {
    const query = db
      .from('coin_entries')
      .join('coin_accounts', 'coin_accounts.id', 'coin_entries.account_id')
      .join('coin_transfers', 'coin_transfers.id', 'coin_entries.transfer_id')
      .whereIn('coin_accounts.key', [userKey(userId, 'paid'), userKey(userId, 'bonus')])
      .orderBy('coin_entries.id', 'desc')
      .limit(limit + 1)
      .select(
        'coin_entries.id',
        'coin_entries.amount',
        'coin_entries.balance_after',
        'coin_entries.created_at',
        'coin_accounts.kind as account',
        'coin_transfers.type',
        'coin_transfers.reference_type',
        'coin_transfers.reference_id',
        'coin_transfers.memo'
      )
    if (cursor) query.where('coin_entries.id', '<', cursor)
    const rows = await query
    const page = rows.slice(0, limit)
    return {
      data: page.map((r) => ({
        id: Number(r.id),
        type: r.type,
        account: r.account as 'paid' | 'bonus',
        amount: Number(r.amount),
        balanceAfter: Number(r.balance_after),
        reference: r.reference_type ? { type: r.reference_type, id: r.reference_id } : null,
        memo: r.memo,
        createdAt: fromDb(r.created_at).toUTC().toISO(),
      })),
      nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
    }
  }
}
