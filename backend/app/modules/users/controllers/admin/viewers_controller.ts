import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { banValidator, listViewersValidator } from '#modules/users/validators/auth'
import { ViewerAdminService } from '#modules/users/services/viewer_admin_service'
import { AdminViewerTransformer } from '#modules/users/transformers/user_transformer'
import { adminActor, pageLimit } from '#core/http/request_helpers'
import { AppError } from '#core/exceptions/app_error'
import { fromDb } from '#core/database/time'

function idParam(value: unknown) {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) throw AppError.notFound('No such user')
  return id
}

@inject()
export default class ViewersController {
  constructor(private viewers: ViewerAdminService) {}

  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(listViewersValidator, { data: request.qs() })
    const { users, nextCursor } = await this.viewers.search({
      ...filters,
      limit: pageLimit(filters.limit),
    })
    return { data: users.map((u) => AdminViewerTransformer.transform(u)), nextCursor }
  }

  async show({ params }: HttpContext) {
    const { user, devices, merges } = await this.viewers.detail(idParam(params.id))
    return {
      user: AdminViewerTransformer.transform(user),
      devices: devices.map((d) => ({
        platform: d.platform,
        deviceId: d.deviceId,
        lastSeenAt: d.lastSeenAt?.toISO() ?? null,
      })),
      merges: merges.map((m) => ({
        sourceUserId: Number(m.source_user_id),
        moved: JSON.parse(m.moved),
        createdAt: fromDb(m.created_at).toISO(),
      })),
    }
  }

  async ban(ctx: HttpContext) {
    const { reason } = await ctx.request.validateUsing(banValidator)
    const user = await this.viewers.ban(
      idParam(ctx.params.id),
      reason,
      adminActor(ctx),
      ctx.request.ip()
    )
    return { user: AdminViewerTransformer.transform(user) }
  }

  async unban(ctx: HttpContext) {
    const user = await this.viewers.unban(idParam(ctx.params.id), adminActor(ctx), ctx.request.ip())
    return { user: AdminViewerTransformer.transform(user) }
  }
}
