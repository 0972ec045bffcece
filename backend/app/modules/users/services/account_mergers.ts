import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Moves what a guest owns into the account it signs in to. Every module that keeps per-user
 * data (history, follows, likes, wallet, unlocks, tasks) registers one merger here; the users
 * module runs them all in the sign-in transaction, once per guest.
 * A merger returns how many rows it moved, for the merge record.
 */
export type AccountMerger = (
  sourceUserId: number,
  targetUserId: number,
  trx: TransactionClientContract
) => Promise<number>

const mergers = new Map<string, AccountMerger>()

export const accountMergers = {
  register(name: string, merger: AccountMerger) {
    if (mergers.has(name)) throw new Error(`Account merger "${name}" is registered twice`)
    mergers.set(name, merger)
  },
  entries() {
    return [...mergers.entries()]
  },
}
