import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#modules/users/models/user'
import {
  guestSignInValidator,
  phoneSignInValidator,
  smsCodeValidator,
  wechatCodeValidator,
} from '#modules/users/validators/auth'
import { GuestAuthService } from '#modules/users/services/guest_auth_service'
import { PhoneCodeService } from '#modules/users/services/phone_code_service'
import { PhoneAuthService } from '#modules/users/services/phone_auth_service'
import { WechatAuthService } from '#modules/users/services/wechat_auth_service'
import { SessionService } from '#modules/users/services/session_service'
import { UserTransformer } from '#modules/users/transformers/user_transformer'
import { smsPerPhoneDaily } from '#start/limiter'

/** The viewer signed in on this request, if any: sign-in with a guest token merges the guest. */
async function currentViewer({ auth }: HttpContext): Promise<User | null> {
  const guard = auth.use('api')
  return (await guard.check()) ? guard.user! : null
}

@inject()
export default class AuthController {
  constructor(
    private guests: GuestAuthService,
    private codes: PhoneCodeService,
    private phones: PhoneAuthService,
    private wechat: WechatAuthService,
    private sessions: SessionService
  ) {}

  async guest({ request }: HttpContext) {
    const { deviceId, platform } = await request.validateUsing(guestSignInValidator)
    const { user, token } = await this.guests.signIn(deviceId, platform)
    return { token, user: UserTransformer.transform(user) }
  }

  /** Same 204 whether or not the number has an account: no enumeration. */
  async smsCode({ request, response }: HttpContext) {
    const { phone } = await request.validateUsing(smsCodeValidator)
    await smsPerPhoneDaily().consume(`sms:phone:${phone}`)
    await this.codes.send(phone, request.ip())
    return response.noContent()
  }

  async phone(ctx: HttpContext) {
    const { phone, code, platform } = await ctx.request.validateUsing(phoneSignInValidator)
    const current = await currentViewer(ctx)
    const result = await this.phones.signIn(
      phone,
      code,
      platform ?? current?.signupPlatform ?? 'h5',
      current
    )
    return {
      token: result.token,
      user: UserTransformer.transform(result.user),
      merged: result.merged,
    }
  }

  async wechatMp(ctx: HttpContext) {
    const { code } = await ctx.request.validateUsing(wechatCodeValidator)
    const result = await this.wechat.signIn(code, await currentViewer(ctx))
    return {
      token: result.token,
      user: UserTransformer.transform(result.user),
      merged: result.merged,
    }
  }

  async wechatPhone({ request, auth }: HttpContext) {
    const { code } = await request.validateUsing(wechatCodeValidator)
    const result = await this.wechat.bindPhone(auth.use('api').getUserOrFail(), code)
    return {
      token: result.token,
      user: UserTransformer.transform(result.user),
      merged: result.merged,
    }
  }

  async logout({ auth, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await this.sessions.revoke(user.id, user.currentAccessToken.identifier)
    return response.noContent()
  }
}
