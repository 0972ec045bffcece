import type { HttpContext } from '@adonisjs/core/http'
import { PlaybackService } from '#modules/playback/services/playback_service'
import { routeId } from '#core/http/request_helpers'
import { contentTypeFor } from '#modules/media/services/transcode_service'

/**
 * The signed HLS tree: `/api/v1/hls/:episodeId/<file>?t=<token>`. No bearer token here — players
 * fetch these URLs themselves — the signature in each URL is the authorization.
 */
export default class HlsController {
  #playback = new PlaybackService()

  async serve({ params, request, response }: HttpContext) {
    const episodeId = routeId(params.episodeId, 'episode')
    const file = (params['*'] as string[]).join('/')
    this.#playback.checkReferer(request.header('referer'))
    const grant = this.#playback.authorize(episodeId, file, request.qs().t)

    if (file === 'key') {
      const key = await this.#playback.key(grant)
      response.header('Content-Type', 'application/octet-stream')
      response.header('Cache-Control', 'no-store')
      return response.send(key)
    }
    if (file.endsWith('.m3u8')) {
      response.header('Content-Type', 'application/vnd.apple.mpegurl')
      response.header('Cache-Control', 'private, no-store')
      return response.send(await this.#playback.playlist(grant, file))
    }
    if (file === 'thumbnails.vtt') {
      response.header('Content-Type', 'text/vtt; charset=utf-8')
      response.header('Cache-Control', 'private, no-store')
      return response.send(await this.#playback.thumbnails(grant))
    }
    response.header('Content-Type', contentTypeFor(file))
    response.header('Cache-Control', 'private, max-age=3600')
    return response.stream(await this.#playback.object(grant, file))
  }
}
