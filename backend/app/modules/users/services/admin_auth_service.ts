import { DateTime } from 'luxon'
import AdminUser from '#modules/users/models/admin_user'
import { AppError } from '#core/exceptions/app_error'

export class AdminAuthService {
  /**
   * Email + password. Unknown email and wrong password get the same answer (and the same
   * hashing work, done by verifyCredentials) so accounts cannot be enumerated.
   */
  async login(email: string, password: string) {
    let admin: AdminUser
    try {
      admin = await AdminUser.verifyCredentials(email.toLowerCase(), password)
    } catch (error) {
      if ((error as { code?: string }).code !== 'E_INVALID_CREDENTIALS') throw error
      throw new AppError(401, 'INVALID_CREDENTIALS', 'Wrong email or password')
    }
    if (admin.status !== 'active') {
      throw new AppError(403, 'ACCOUNT_DISABLED', 'This admin account has been disabled')
    }
    admin.lastLoginAt = DateTime.utc()
    await admin.save()
    const token = await AdminUser.accessTokens.create(admin, ['*'], { name: 'admin-console' })
    return { admin, token: token.value!.release() }
  }

  async logout(
    admin: AdminUser & { currentAccessToken: { identifier: string | number | BigInt } }
  ) {
    await AdminUser.accessTokens.delete(admin, admin.currentAccessToken.identifier)
  }
}
