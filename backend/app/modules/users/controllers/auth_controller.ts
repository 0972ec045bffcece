import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#modules/users/models/user'
import { guestSignInValidator } from '#modules/users/validators/auth'
import { GuestAuthService } from '#modules/users/services/guest_auth_service'
import { UserTransformer } from '#modules/users/transformers/user_transformer'

@inject()
export default class AuthController {
  constructor(private guests: GuestAuthService) {}

  async guest({ request }: HttpContext) {
    const { deviceId, platform } = await request.validateUsing(guestSignInValidator)
    const { user, token } = await this.guests.signIn(deviceId, platform)
    return { token, user: UserTransformer.transform(user) }
  }

  async logout({ auth, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    return response.noContent()
  }
}
