import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { updateProfileValidator } from '#modules/users/validators/auth'
import { ProfileService, AVATAR_MAX_BYTES } from '#modules/users/services/profile_service'
import { UserTransformer } from '#modules/users/transformers/user_transformer'
import { AppError } from '#core/exceptions/app_error'
import { assertImageFile } from '#core/images'

@inject()
export default class MeController {
  constructor(private profiles: ProfileService) {}

  async show({ auth }: HttpContext) {
    return { user: UserTransformer.transform(auth.use('api').getUserOrFail()) }
  }

  /** PATCH and PUT: mini-programs' request API has no PATCH. */
  async update({ auth, request }: HttpContext) {
    // The body parser turns "" into null, which `optional()` would skip: a blank name is an error.
    const raw = request.body() as { nickname?: unknown }
    if (
      'nickname' in raw &&
      (raw.nickname === null || (typeof raw.nickname === 'string' && !raw.nickname.trim()))
    ) {
      throw AppError.invalid('nickname', 'required', 'The nickname cannot be blank')
    }
    const changes = await request.validateUsing(updateProfileValidator)
    const user = await this.profiles.update(auth.use('api').getUserOrFail(), changes)
    return { user: UserTransformer.transform(user) }
  }

  async avatar({ auth, request }: HttpContext) {
    const file = request.file('avatar', {
      size: AVATAR_MAX_BYTES,
      extnames: ['jpg', 'jpeg', 'png', 'webp'],
    })
    assertImageFile(file, 'avatar', 'AVATAR_INVALID')
    const user = await this.profiles.setAvatar(auth.use('api').getUserOrFail(), file.tmpPath)
    return { user: UserTransformer.transform(user) }
  }

  async showAvatar({ params, response }: HttpContext) {
    const { stream, type } = await this.profiles.readAvatar(
      Number(params.userId),
      String(params.file)
    )
    response.header('content-type', type)
    response.header('cache-control', 'public, max-age=31536000, immutable')
    return response.stream(stream)
  }
}
