import type { HttpContext } from '@adonisjs/core/http'
import { PlaybackService } from '#modules/playback/services/playback_service'
import { ProgressService } from '#modules/playback/services/progress_service'
import { routeId } from '#core/http/request_helpers'
import { progressValidator } from '#modules/playback/validators/progress'

export default class PlayController {
  #playback = new PlaybackService()
  #progress = new ProgressService()

  async play({ params, auth, response }: HttpContext) {
    const viewer = auth.use('api').getUserOrFail()
    response.header('Cache-Control', 'no-store')
    return this.#playback.play(routeId(params.id, 'episode'), { id: viewer.id })
  }

  async progress({ params, auth, request }: HttpContext) {
    const viewer = auth.use('api').getUserOrFail()
    const input = await request.validateUsing(progressValidator)
    return this.#progress.record(viewer.id, routeId(params.id, 'episode'), input)
  }

  async preview(ctx: HttpContext) {
    const admin = ctx.auth.use('admin').getUserOrFail() as unknown as { id: number }
    ctx.response.header('Cache-Control', 'no-store')
    return this.#playback.preview(routeId(ctx.params.id, 'episode'), admin.id)
  }
}
