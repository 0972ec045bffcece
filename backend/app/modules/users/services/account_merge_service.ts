import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#modules/users/models/user'
import { accountMergers } from '#modules/users/services/account_mergers'
import { isUniqueViolation } from '#core/database/errors'
import { dbTime } from '#core/database/time'

/**
 * Folds a guest account into the account it signed in to. The merge record's unique source id
 * makes it happen once, even when two sign-ins race: the loser's insert fails and its
 * transaction moves nothing.
 */
export class AccountMergeService {
  async merge(
    source: User,
    target: User,
    trx: TransactionClientContract
  ): Promise<Record<string, number> | null> {
    if (source.id === target.id || !source.isGuest) return null
    try {
      // A savepoint, so a duplicate does not poison the caller's transaction on PostgreSQL.
      await trx.transaction(async (sp) => {
        await sp.table('account_merges').insert({
          source_user_id: source.id,
          target_user_id: target.id,
          moved: '{}',
          created_at: dbTime(DateTime.utc()),
        })
      })
    } catch (error) {
      if (isUniqueViolation(error)) return null
      throw error
    }

    const moved: Record<string, number> = {}
    for (const [name, merger] of accountMergers.entries()) {
      moved[name] = await merger(source.id, target.id, trx)
    }
    await trx
      .from('account_merges')
      .where('source_user_id', source.id)
      .update({ moved: JSON.stringify(moved) })

    source.useTransaction(trx)
    source.status = 'merged'
    source.mergedIntoId = target.id
    await source.save()
    // The guest's tokens die with it; the device signs in as the account from now on.
    await User.accessTokens.revokeAll(source.id, trx)
    return moved
  }
}

/**
 * Device ids identify guests only: once a guest becomes (or joins) a real account its device
 * rows are released, so holding a device id never signs anyone in to a phone or WeChat account.
 */
accountMergers.register('devices', async (sourceId, _targetId, trx) => {
  return Number(await trx.from('user_devices').where('user_id', sourceId).delete())
})
