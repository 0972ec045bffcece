import { DateTime } from 'luxon'
import AdminUser from '#modules/users/models/admin_user'
import { AppError } from '#core/exceptions/app_error'
import { recordAudit } from '#core/audit/audit'
import { adminLoginFailures } from '#start/limiter'

export class AdminAuthService {
  /**
   * Email + password. Unknown email and wrong password get the same answer (and the same
   * hashing work, done by verifyCredentials) so accounts cannot be enumerated. Five failures
   * for one email from one IP lock that pair out for 15 minutes (429 with Retry-After).
   */
  async login(email: string, password: string, ip: string) {
    const normalized = email.toLowerCase()
    const [throttled, admin] = await adminLoginFailures().penalize(
      `admin_login:${normalized}:${ip}`,
      async () => {
        try {
          return await AdminUser.verifyCredentials(normalized, password)
        } catch (error) {
          if ((error as { code?: string }).code !== 'E_INVALID_CREDENTIALS') throw error
          throw new AppError(401, 'INVALID_CREDENTIALS', 'Wrong email or password')
        }
      }
    )
    if (throttled) throw throttled
    if (admin.status !== 'active') {
      throw new AppError(403, 'ACCOUNT_DISABLED', 'This admin account has been disabled')
    }
    admin.lastLoginAt = DateTime.utc()
    await admin.save()
    await recordAudit({
      actor: { type: 'admin', id: admin.id, name: admin.email },
      action: 'admin.login',
      target: { type: 'admin', id: admin.id },
      ip,
    })
    const token = await AdminUser.accessTokens.create(admin, ['*'], { name: 'admin-console' })
    return { admin, token: token.value!.release() }
  }

  async logout(
    admin: AdminUser & { currentAccessToken: { identifier: string | number | BigInt } }
  ) {
    await AdminUser.accessTokens.delete(admin, admin.currentAccessToken.identifier)
  }
}
