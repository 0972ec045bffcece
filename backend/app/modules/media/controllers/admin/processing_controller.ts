import type { HttpContext } from '@adonisjs/core/http'
import { applyProposalsValidator, watermarkValidator } from '#modules/media/validators/media'
import { MediaAdminService } from '#modules/media/services/media_admin_service'
import { IntroOutroService } from '#modules/media/services/intro_outro_service'
import { MediaTransformer } from '#modules/media/transformers/media_transformer'
import { adminActor, routeId } from '#core/http/request_helpers'

export default class ProcessingController {
  #media = new MediaAdminService()

  /** The processing state of every episode of a drama with a video, for the episodes tab. */
  async index({ params }: HttpContext) {
    const rows = await this.#media.dramaProcessing(routeId(params.id, 'drama'))
    return {
      data: rows.map(({ episode, media }) => MediaTransformer.processing(episode, media, null)),
    }
  }

  async show({ params }: HttpContext) {
    const { episode, media } = await this.#media.processing(routeId(params.id, 'episode'))
    return MediaTransformer.processing(episode, media, null)
  }

  async retry(ctx: HttpContext) {
    const id = routeId(ctx.params.id, 'episode')
    await this.#media.retry(id, adminActor(ctx))
    const { episode, media } = await this.#media.processing(id)
    ctx.response.status(202)
    return MediaTransformer.processing(episode, media, null)
  }

  async detect(ctx: HttpContext) {
    await this.#media.requestDetection(routeId(ctx.params.id, 'drama'))
    ctx.response.status(202)
    return { queued: true }
  }

  async apply(ctx: HttpContext) {
    const { episodeIds } = await ctx.request.validateUsing(applyProposalsValidator)
    const applied = await new IntroOutroService().apply(
      routeId(ctx.params.id, 'drama'),
      episodeIds,
      adminActor(ctx)
    )
    return { applied }
  }

  async watermark({ params }: HttpContext) {
    const dramaId = routeId(params.id, 'drama')
    return MediaTransformer.watermark(dramaId, await this.#media.watermark(dramaId))
  }

  async updateWatermark(ctx: HttpContext) {
    const dramaId = routeId(ctx.params.id, 'drama')
    const input = await ctx.request.validateUsing(watermarkValidator)
    const mark = await this.#media.setWatermark(dramaId, input, adminActor(ctx))
    return MediaTransformer.watermark(dramaId, mark)
  }
}
