import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { adminLoginValidator } from '#modules/users/validators/auth'
import { AdminAuthService } from '#modules/users/services/admin_auth_service'
import { AdminTransformer } from '#modules/users/transformers/admin_transformer'

@inject()
export default class AdminAuthController {
  constructor(private auth: AdminAuthService) {}

  async login({ request }: HttpContext) {
    const { email, password } = await request.validateUsing(adminLoginValidator)
    const { admin, token } = await this.auth.login(email, password, request.ip())
    return { token, ...AdminTransformer.session(admin) }
  }

  async me({ auth }: HttpContext) {
    return AdminTransformer.session(auth.use('admin').getUserOrFail())
  }

  async logout({ auth, response }: HttpContext) {
    await this.auth.logout(auth.use('admin').getUserOrFail())
    return response.noContent()
  }
}
