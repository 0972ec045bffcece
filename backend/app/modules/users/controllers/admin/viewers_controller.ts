import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { banValidator, listViewersValidator } from '#modules/users/validators/auth'
import { ViewerAdminService } from '#modules/users/services/viewer_admin_service'
import { AdminViewerTransformer } from '#modules/users/transformers/user_transformer'
import { adminActor, pageLimit, routeId } from '#core/http/request_helpers'
import { fromDb } from '#core/database/time'

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
    const { user, devices, merges } = await this.viewers.detail(routeId(params.id, 'user'))
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
      routeId(ctx.params.id, 'user'),
      reason,
      adminActor(ctx),
      ctx.request.ip()
    )
    return { user: AdminViewerTransformer.transform(user) }
  }

  async unban(ctx: HttpContext) {
    const user = await this.viewers.unban(
      routeId(ctx.params.id, 'user'),
      adminActor(ctx),
      ctx.request.ip()
    )
    return { user: AdminViewerTransformer.transform(user) }
  }
}
