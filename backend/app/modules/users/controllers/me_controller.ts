import type { HttpContext } from '@adonisjs/core/http'
import { UserTransformer } from '#modules/users/transformers/user_transformer'

export default class MeController {
  async show({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    return { user: UserTransformer.transform(user) }
  }
}
