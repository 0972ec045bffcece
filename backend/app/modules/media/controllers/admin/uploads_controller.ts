import type { HttpContext } from '@adonisjs/core/http'
import { initUploadValidator } from '#modules/media/validators/media'
import { UploadService } from '#modules/media/services/upload_service'
import { MediaTransformer } from '#modules/media/transformers/media_transformer'
import { adminActor } from '#core/http/request_helpers'
import { AppError } from '#core/exceptions/app_error'

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/

function uploadId(value: unknown) {
  if (typeof value !== 'string' || !UUID.test(value)) throw AppError.notFound('No such upload')
  return value
}

export default class UploadsController {
  #uploads = new UploadService()

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(initUploadValidator)
    const { upload, created, uploaded } = await this.#uploads.init(input, adminActor(ctx))
    ctx.response.status(created ? 201 : 200)
    return MediaTransformer.upload(upload, uploaded)
  }

  async show({ params }: HttpContext) {
    const { upload, uploaded } = await this.#uploads.status(uploadId(params.id))
    return MediaTransformer.upload(upload, uploaded)
  }

  async chunk({ params, request }: HttpContext) {
    const index = /^\d{1,7}$/.test(String(params.index)) ? Number(params.index) : -1
    const header = request.header('x-chunk-sha256')
    const result = await this.#uploads.putChunk(uploadId(params.id), index, request.request, header)
    return { index: result.index, size: result.size, uploadedChunks: result.uploaded }
  }

  async complete(ctx: HttpContext) {
    const { upload } = await this.#uploads.complete(uploadId(ctx.params.id), adminActor(ctx))
    return MediaTransformer.completed(upload)
  }

  async destroy(ctx: HttpContext) {
    await this.#uploads.cancel(uploadId(ctx.params.id), adminActor(ctx))
    return ctx.response.noContent()
  }
}
