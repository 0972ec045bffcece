import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/users/models/user'
import { PhoneCodeService } from '#modules/users/services/phone_code_service'
import { AccountMergeService } from '#modules/users/services/account_merge_service'
import { SessionService } from '#modules/users/services/session_service'
import type { Platform } from '#modules/users/platforms'
import { retryOnUniqueViolation } from '#core/database/errors'

export interface SignInResult {
  user: User
  token: string
  merged: boolean
}

/**
 * Phone + SMS code sign-in. With a guest signed in on the device:
 * - the phone has no account yet → the guest becomes that account (nothing to move);
 * - the phone has an account → the guest's data is merged into it, once.
 */
@inject()
export class PhoneAuthService {
  constructor(
    private codes: PhoneCodeService,
    private merges: AccountMergeService,
    private sessions: SessionService
  ) {}

  async signIn(
    phone: string,
    code: string,
    platform: Platform,
    current: User | null
  ): Promise<SignInResult> {
    await this.codes.verify(phone, code)
    const attempt = () =>
      db.transaction(async (trx) => {
        const existing = await User.query({ client: trx }).where('phone', phone).forUpdate().first()
        if (existing) {
          this.sessions.assertMaySignIn(existing)
          const merged = current?.isGuest ? await this.merges.merge(current, existing, trx) : null
          return { user: existing, merged: merged !== null }
        }
        if (current?.isGuest && !current.phone && current.status === 'active') {
          const user = await this.sessions.promoteGuest(
            current.id,
            { phone },
            `用户${phone.slice(-4)}`,
            trx
          )
          return { user, merged: false }
        }
        const user = await User.create(
          {
            nickname: `用户${phone.slice(-4)}`,
            isGuest: false,
            status: 'active',
            phone,
            settings: {},
            signupPlatform: platform,
          },
          { client: trx }
        )
        return { user, merged: false }
      })
    // Two first sign-ins of one identity may race; the retry signs in to the account that won.
    const result = await retryOnUniqueViolation(attempt)
    const token = await this.sessions.issue(result.user, `phone:${platform}`)
    return { ...result, token }
  }
}
