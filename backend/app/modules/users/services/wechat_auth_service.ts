import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/users/models/user'
import { AppError } from '#core/exceptions/app_error'
import { WechatApiError, WechatMpClient, type WechatMpConfig } from '#core/wechat/mp_client'
import { AccountMergeService } from '#modules/users/services/account_merge_service'
import { SessionService } from '#modules/users/services/session_service'
import type { SignInResult } from '#modules/users/services/phone_auth_service'
import { retryOnUniqueViolation } from '#core/database/errors'
import { normalizePhone } from '#modules/users/services/phone'

/** Every documented jscode2session / phone errcode, as our stable error. */
export function wechatError(error: unknown): AppError {
  if (!(error instanceof WechatApiError)) throw error
  switch (error.errcode) {
    case 40029:
      return new AppError(
        400,
        'WECHAT_CODE_INVALID',
        'The WeChat login code is invalid or expired; try again'
      )
    case 40163:
      return new AppError(
        400,
        'WECHAT_CODE_USED',
        'The WeChat login code was already used; try again'
      )
    case 45011:
      return new AppError(429, 'RATE_LIMITED', 'Too many WeChat sign-ins, try again in a minute', {
        retryAfter: 60,
      })
    case 40226:
      return new AppError(403, 'WECHAT_USER_BLOCKED', 'WeChat blocked this sign-in as high risk')
    case -1:
      return new AppError(503, 'WECHAT_BUSY', 'WeChat is busy, try again shortly')
    case 40013:
    case 40125:
    case 41002:
    case 41004:
      return new AppError(
        503,
        'WECHAT_NOT_CONFIGURED',
        'WeChat sign-in is not configured correctly on the server'
      )
    default:
      return new AppError(502, 'WECHAT_ERROR', `WeChat refused the request (${error.errcode})`, {
        errcode: error.errcode,
      })
  }
}

/** One client per configuration, so the cached access token outlives a request. */
const clients = new Map<string, WechatMpClient>()

/**
 * WeChat mini-program sign-in. One person is one account across app, H5 and mini-program:
 * the account is found by unionid first (shared across the Open Platform), then openid;
 * a guest on the device is merged into it, or becomes it.
 */
@inject()
export class WechatAuthService {
  constructor(
    private merges: AccountMergeService,
    private sessions: SessionService
  ) {}

  client(): WechatMpClient {
    const config = app.config.get<{ mp: WechatMpConfig }>('wechat').mp
    if (!config.appId || !config.secret) {
      throw new AppError(
        503,
        'WECHAT_NOT_CONFIGURED',
        'WeChat sign-in is not configured on this server'
      )
    }
    const key = `${config.apiBase}|${config.appId}|${config.secret}`
    let client = clients.get(key)
    if (!client) {
      client = new WechatMpClient(config)
      clients.set(key, client)
    }
    return client
  }

  async signIn(code: string, current: User | null): Promise<SignInResult> {
    let session
    try {
      session = await this.client().code2Session(code)
    } catch (error) {
      throw wechatError(error)
    }
    const attempt = () =>
      db.transaction(async (trx) => {
        const query = User.query({ client: trx }).whereNot('status', 'merged').forUpdate()
        const existing = session.unionid
          ? await query
              .where((q) =>
                q.where('wechat_unionid', session.unionid!).orWhere('wechat_openid', session.openid)
              )
              .first()
          : await query.where('wechat_openid', session.openid).first()
        if (existing) {
          this.sessions.assertMaySignIn(existing)
          existing.wechatOpenid = session.openid
          existing.wechatUnionid = session.unionid ?? existing.wechatUnionid
          existing.wechatSessionKey = session.sessionKey
          await existing.save()
          const merged = current?.isGuest ? await this.merges.merge(current, existing, trx) : null
          return { user: existing, merged: merged !== null }
        }
        if (current?.isGuest && current.status === 'active') {
          const user = await this.sessions.promoteGuest(
            current.id,
            {
              wechatOpenid: session.openid,
              wechatUnionid: session.unionid,
              wechatSessionKey: session.sessionKey,
            },
            '微信用户',
            trx
          )
          return { user, merged: false }
        }
        const user = await User.create(
          {
            nickname: '微信用户',
            isGuest: false,
            status: 'active',
            wechatOpenid: session.openid,
            wechatUnionid: session.unionid,
            wechatSessionKey: session.sessionKey,
            settings: {},
            signupPlatform: 'mp-weixin',
          },
          { client: trx }
        )
        return { user, merged: false }
      })
    // Two first sign-ins of one identity may race; the retry signs in to the account that won.
    const result = await retryOnUniqueViolation(attempt)
    return { ...result, token: await this.sessions.issue(result.user, 'wechat:mp-weixin') }
  }

  /**
   * The phone-number button: binds the number WeChat vouches for. When another account
   * already has it, that account is the person's account: this WeChat sign-up (which has no
   * phone) is merged into it and the caller gets a token for it.
   */
  async bindPhone(user: User, code: string): Promise<SignInResult> {
    if (user.phone)
      throw AppError.conflict('PHONE_ALREADY_BOUND', 'This account already has a phone number')
    let info
    try {
      info = await this.client().phoneNumber(code, user.wechatOpenid ?? undefined)
    } catch (error) {
      throw wechatError(error)
    }
    const phone = normalizePhone(info.phone)
    if (!phone)
      throw new AppError(422, 'PHONE_INVALID', 'WeChat returned a phone number we cannot use')
    const result = await db.transaction(async (trx) => {
      const owner = await User.query({ client: trx }).where('phone', phone).forUpdate().first()
      const me = await User.query({ client: trx }).where('id', user.id).forUpdate().firstOrFail()
      if (!owner) {
        me.phone = phone
        me.isGuest = false
        await me.save()
        return { user: me, merged: false }
      }
      this.sessions.assertMaySignIn(owner)
      // Carry the WeChat identity over, then fold this account in as a guest would be.
      const ids = {
        openid: me.wechatOpenid,
        unionid: me.wechatUnionid,
        sessionKey: me.wechatSessionKey,
      }
      me.merge({ wechatOpenid: null, wechatUnionid: null, wechatSessionKey: null, isGuest: true })
      await me.save()
      owner.merge({
        wechatOpenid: ids.openid ?? owner.wechatOpenid,
        wechatUnionid: ids.unionid ?? owner.wechatUnionid,
        wechatSessionKey: ids.sessionKey ?? owner.wechatSessionKey,
      })
      await owner.save()
      await this.merges.merge(me, owner, trx)
      return { user: owner, merged: true }
    })
    return { ...result, token: await this.sessions.issue(result.user, 'wechat:mp-weixin') }
  }
}
