import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#modules/users/models/user'
import { AppError } from '#core/exceptions/app_error'

/** Issues viewer tokens; refuses accounts that may not sign in. */
export class SessionService {
  assertMaySignIn(user: User) {
    if (user.status === 'banned')
      throw new AppError(403, 'ACCOUNT_BANNED', 'This account has been suspended')
    if (user.status === 'merged')
      throw new AppError(
        409,
        'ACCOUNT_MERGED',
        'This guest account was merged into another account; sign in again'
      )
  }

  async issue(user: User, name: string) {
    this.assertMaySignIn(user)
    const token = await User.accessTokens.create(user, ['*'], { name })
    return token.value!.release()
  }

  /**
   * A guest becomes a real account in place (nothing to merge): it takes the new identity,
   * drops its generated guest name and releases its device ids, so holding a device id never
   * opens a real account.
   */
  async promoteGuest(
    guestId: number,
    identity: Partial<User>,
    nickname: string,
    trx: TransactionClientContract
  ) {
    const guest = await User.query({ client: trx }).where('id', guestId).forUpdate().firstOrFail()
    if (/^游客\d+$/.test(guest.nickname)) guest.nickname = nickname
    guest.merge({ ...identity, isGuest: false })
    await guest.save()
    await trx.from('user_devices').where('user_id', guest.id).delete()
    return guest
  }

  async revoke(userId: number, tokenId: string | number | BigInt) {
    await User.accessTokens.revoke(userId, tokenId)
  }

  async revokeAll(userId: number, trx?: TransactionClientContract) {
    await User.accessTokens.revokeAll(userId, trx)
  }
}
