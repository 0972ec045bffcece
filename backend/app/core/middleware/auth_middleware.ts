import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { AppError } from '#core/exceptions/app_error'

/**
 * Requires a valid bearer token for one of the guards (401 UNAUTHENTICATED), and an account
 * that may still act: banned viewers get 403 ACCOUNT_BANNED, disabled staff 403 ACCOUNT_DISABLED.
 */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards)
    const user = ctx.auth.user as { status?: string } | undefined
    if (user?.status === 'banned')
      throw new AppError(403, 'ACCOUNT_BANNED', 'This account has been suspended')
    if (user?.status === 'disabled')
      throw new AppError(403, 'ACCOUNT_DISABLED', 'This admin account has been disabled')
    if (user?.status === 'merged')
      throw AppError.unauthenticated('This guest account was merged; sign in again')
    return next()
  }
}
