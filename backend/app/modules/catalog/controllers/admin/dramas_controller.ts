import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import {
  adminDramaListValidator,
  createDramaValidator,
  publishValidator,
  updateDramaValidator,
} from '#modules/catalog/validators/catalog'
import {
  DramaAdminService,
  DRAMA_IMAGE_MAX_BYTES,
} from '#modules/catalog/services/drama_admin_service'
import { assertImageFile, IMAGE_FILE_RULES } from '#core/images'
import { DramaTransformer } from '#modules/catalog/transformers/drama_transformer'
import { adminActor, pageLimit, routeId } from '#core/http/request_helpers'

@inject()
export default class DramasController {
  constructor(private dramas: DramaAdminService) {}

  async index({ request }: HttpContext) {
    const f = await request.validateUsing(adminDramaListValidator, { data: request.qs() })
    const page = await this.dramas.list({ ...f, page: f.page ?? 1, limit: pageLimit(f.limit) })
    return {
      data: page.all().map((d) => DramaTransformer.admin(d)),
      meta: {
        total: page.total,
        page: page.currentPage,
        lastPage: page.lastPage,
        limit: page.perPage,
      },
    }
  }

  async show({ params }: HttpContext) {
    return { drama: DramaTransformer.admin(await this.dramas.find(routeId(params.id, 'drama'))) }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createDramaValidator)
    const drama = await this.dramas.create(input, adminActor(ctx))
    return ctx.response.created({ drama: DramaTransformer.admin(await this.dramas.find(drama.id)) })
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(updateDramaValidator)
    const drama = await this.dramas.update(routeId(ctx.params.id, 'drama'), input, adminActor(ctx))
    return { drama: DramaTransformer.admin(await this.dramas.find(drama.id)) }
  }

  async destroy(ctx: HttpContext) {
    await this.dramas.destroy(routeId(ctx.params.id, 'drama'), adminActor(ctx))
    return ctx.response.noContent()
  }

  /** multipart `image`, `?kind=cover` (portrait, default) or `?kind=banner`. */
  async image(ctx: HttpContext) {
    const kind = ctx.request.qs().kind === 'banner' ? 'banner' : 'cover'
    const file = ctx.request.file('image', { size: DRAMA_IMAGE_MAX_BYTES, ...IMAGE_FILE_RULES })
    assertImageFile(file, 'image', 'IMAGE_INVALID')
    const drama = await this.dramas.setImage(
      routeId(ctx.params.id, 'drama'),
      kind,
      file.tmpPath,
      adminActor(ctx)
    )
    return { drama: DramaTransformer.admin(await this.dramas.find(drama.id)) }
  }

  async publish(ctx: HttpContext) {
    const { publishAt } = await ctx.request.validateUsing(publishValidator)
    const at = publishAt ? DateTime.fromISO(publishAt, { setZone: true }).toUTC() : null
    const drama = await this.dramas.publish(routeId(ctx.params.id, 'drama'), at, adminActor(ctx))
    return { drama: DramaTransformer.admin(await this.dramas.find(drama.id)) }
  }

  async unpublish(ctx: HttpContext) {
    const drama = await this.dramas.unpublish(routeId(ctx.params.id, 'drama'), adminActor(ctx))
    return { drama: DramaTransformer.admin(await this.dramas.find(drama.id)) }
  }
}
