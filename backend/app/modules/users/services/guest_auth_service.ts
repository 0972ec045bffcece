import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/users/models/user'
import UserDevice from '#modules/users/models/user_device'
import { AppError } from '#core/exceptions/app_error'
import type { Platform } from '#modules/users/platforms'
import { isUniqueViolation } from '#core/database/errors'

/**
 * Guest accounts: a device id on a platform always maps to the same account, so a viewer who
 * reinstalls nothing keeps history, follows and coins before ever signing in.
 */
export class GuestAuthService {
  async signIn(deviceId: string, platform: Platform) {
    const user = await this.#findOrCreate(deviceId, platform)
    if (user.status === 'banned') {
      throw new AppError(403, 'ACCOUNT_BANNED', 'This account has been suspended')
    }
    const token = await User.accessTokens.create(user, ['*'], { name: `guest:${platform}` })
    return { user, token: token.value!.release() }
  }

  async #findOrCreate(deviceId: string, platform: Platform): Promise<User> {
    const existing = await UserDevice.query().where({ platform, deviceId }).first()
    if (existing) {
      const user = await User.findOrFail(existing.userId)
      if (user.isGuest) {
        existing.lastSeenAt = DateTime.utc()
        await existing.save()
        return user
      }
      // Left over from before the guest signed in: a device never opens a real account.
      await existing.delete()
    }
    try {
      return await db.transaction(async (trx) => {
        const user = await User.create(
          {
            nickname: '游客',
            isGuest: true,
            status: 'active',
            settings: {},
            signupPlatform: platform,
          },
          { client: trx }
        )
        user.nickname = `游客${String(user.id).padStart(6, '0')}`
        await user.useTransaction(trx).save()
        await UserDevice.create(
          { userId: user.id, platform, deviceId, lastSeenAt: DateTime.utc() },
          { client: trx }
        )
        return user
      })
    } catch (error) {
      // Two first launches of the same device raced; the other one created the guest.
      if (!isUniqueViolation(error)) throw error
      const device = await UserDevice.query().where({ platform, deviceId }).firstOrFail()
      return User.findOrFail(device.userId)
    }
  }
}
