import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { hasPermission } from '#start/abilities'
import { AppError } from '#core/exceptions/app_error'
import type { Permission } from '#modules/users/services/permissions'

/** `middleware.can({ permission: 'catalog.manage' })` after `middleware.auth({ guards: ['admin'] })`. */
export default class PermissionMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { permission: Permission }) {
    if (await ctx.bouncer.denies(hasPermission, options.permission)) {
      throw AppError.forbidden(`This needs the "${options.permission}" permission`, {
        permission: options.permission,
      })
    }
    return next()
  }
}
