import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { createAdminValidator, updateAdminValidator } from '#modules/users/validators/auth'
import { AdminAccountsService } from '#modules/users/services/admin_accounts_service'
import { AdminTransformer } from '#modules/users/transformers/admin_transformer'
import { ADMIN_ROLES, permissionsFor } from '#modules/users/services/permissions'
import { adminActor, routeId } from '#core/http/request_helpers'

@inject()
export default class AdminsController {
  constructor(private accounts: AdminAccountsService) {}

  async index() {
    const admins = await this.accounts.list()
    return { data: admins.map((a) => AdminTransformer.transform(a)) }
  }

  async roles() {
    return { data: ADMIN_ROLES.map((role) => ({ role, permissions: permissionsFor([role]) })) }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createAdminValidator)
    const admin = await this.accounts.create(input, adminActor(ctx), ctx.request.ip())
    return ctx.response.created({ admin: AdminTransformer.transform(admin) })
  }

  async update(ctx: HttpContext) {
    const id = routeId(ctx.params.id, 'admin')
    const changes = await ctx.request.validateUsing(updateAdminValidator)
    const admin = await this.accounts.update(id, changes, adminActor(ctx), ctx.request.ip())
    return { admin: AdminTransformer.transform(admin) }
  }
}
