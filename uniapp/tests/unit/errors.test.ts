import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import { translate, type AppLocale, type MessageKey } from '@/locale'
import { errorMessage, formatWait, type Translate } from '@/utils/errors'

const zh: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-Hans', key, params)
const en: Translate = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params)

function api(status: number, code: string, details?: Record<string, unknown>, retryAfter?: number) {
  return new ApiError(status, code, `server text for ${code}`, details, retryAfter)
}

describe('error messages', () => {
  it.each([
    ['INVALID_CODE with remainingAttempts', api(401, 'INVALID_CODE', { remainingAttempts: 4 }), '验证码错误，还可以再试 4 次', 'Wrong code. Attempts left: 4.'],
    ['INVALID_CODE', api(401, 'INVALID_CODE'), '验证码错误', 'Wrong code.'],
    ['CODE_EXPIRED', api(401, 'CODE_EXPIRED'), '验证码已过期，请重新获取', 'The code has expired. Get a new one.'],
    ['CODE_LOCKED', api(429, 'CODE_LOCKED'), '错误次数过多，该验证码已失效，请重新获取', 'Too many wrong codes. Get a new code.'],
    ['SMS_NOT_SENT', api(422, 'SMS_NOT_SENT'), '短信发送失败，请确认该号码能接收短信，或稍后再试', 'The text could not be sent. Check that the number can receive texts, or try again later.'],
    ['RATE_LIMITED, 45 s', api(429, 'RATE_LIMITED', { retryAfter: 45 }, 45), '操作太频繁，请 45 秒后再试', 'Too many attempts. Try again in 45 s.'],
    ['RATE_LIMITED, Retry-After 3600', api(429, 'RATE_LIMITED', undefined, 3600), '操作太频繁，请 1 小时后再试', 'Too many attempts. Try again in 1 h.'],
    ['RATE_LIMITED, no wait given', api(429, 'RATE_LIMITED'), '操作太频繁，请稍后再试', 'Too many attempts. Try again later.'],
    ['ACCOUNT_BANNED', api(403, 'ACCOUNT_BANNED'), '该账号已被封禁，如有疑问请联系客服', 'This account has been suspended. Contact support if you think this is a mistake.'],
    ['WECHAT_CODE_INVALID', api(400, 'WECHAT_CODE_INVALID'), '微信登录凭证已失效，请重试', 'The WeChat sign-in expired. Try again.'],
    ['WECHAT_CODE_USED', api(400, 'WECHAT_CODE_USED'), '微信登录凭证已失效，请重试', 'The WeChat sign-in expired. Try again.'],
    ['WECHAT_USER_BLOCKED', api(403, 'WECHAT_USER_BLOCKED'), '微信判定当前账号存在风险，暂时无法登录，请改用手机号登录', 'WeChat blocked this sign-in as risky. Sign in with your phone instead.'],
    ['WECHAT_BUSY', api(503, 'WECHAT_BUSY'), '微信服务繁忙，请稍后再试', 'WeChat is busy. Try again later.'],
    ['WECHAT_NOT_CONFIGURED', api(503, 'WECHAT_NOT_CONFIGURED'), '暂时无法使用微信登录，请改用手机号登录', 'WeChat sign-in is not available. Sign in with your phone instead.'],
    ['WECHAT_LOGIN_FAILED', api(0, 'WECHAT_LOGIN_FAILED'), '未能获取微信授权，请重试', 'WeChat did not authorise the sign-in. Try again.'],
    ['NETWORK_ERROR', api(0, 'NETWORK_ERROR'), '网络连接失败，请检查网络后重试', 'Cannot reach the server. Check your connection and try again.'],
    ['AVATAR_INVALID', api(422, 'AVATAR_INVALID'), '请选择不超过 2\u00a0MB 的 JPG、PNG 或 WebP 图片', 'Choose a JPG, PNG or WebP image of 2\u00a0MB or less.'],
    ['PAYLOAD_TOO_LARGE', api(413, 'PAYLOAD_TOO_LARGE'), '请选择不超过 2\u00a0MB 的 JPG、PNG 或 WebP 图片', 'Choose a JPG, PNG or WebP image of 2\u00a0MB or less.'],
    ['UNAUTHENTICATED', api(401, 'UNAUTHENTICATED'), '登录状态已失效，请重新登录', 'Your session has ended. Sign in again.'],
    ['PROVIDER_UNAVAILABLE', api(404, 'PROVIDER_UNAVAILABLE'), '当前环境暂不支持该支付方式', 'This payment method is not available here.'],
    ['PAYMENT_PROVIDER_ERROR, NO_OPENID', api(502, 'PAYMENT_PROVIDER_ERROR', { provider: 'wechatpay', code: 'NO_OPENID' }), '请先使用微信登录，再用微信支付', 'Sign in with WeChat before paying with WeChat Pay.'],
    ['PAYMENT_PROVIDER_ERROR', api(502, 'PAYMENT_PROVIDER_ERROR', { provider: 'wechatpay', code: 'SYSTEMERROR' }), '支付服务暂时不可用，请稍后再试', 'The payment service is unavailable. Try again later.'],
  ])('%s', (_code, error, zhText, enText) => {
    expect(errorMessage(error, zh)).toBe(zhText)
    expect(errorMessage(error, en)).toBe(enText)
  })

  it('names the field a 422 complained about', () => {
    const fields = (field: string) => api(422, 'VALIDATION_FAILED', { fields: [{ field, rule: 'regex', message: 'x' }] })
    expect(errorMessage(fields('phone'), zh)).toBe('请输入正确的中国大陆手机号')
    expect(errorMessage(fields('code'), zh)).toBe('请输入 6 位数字验证码')
    expect(errorMessage(fields('nickname'), zh)).toBe('昵称需为 1–20 个字符，且不能包含控制字符')
    expect(errorMessage(fields('avatar'), en)).toBe('Choose a JPG, PNG or WebP image of 2\u00a0MB or less.')
    expect(errorMessage(fields('settings.playbackSpeed'), zh)).toBe('设置值无效，请重新选择')
    expect(errorMessage(fields('somethingElse'), zh)).toBe('提交的内容有误，请检查后重试')
    expect(errorMessage(api(422, 'VALIDATION_FAILED'), zh)).toBe('提交的内容有误，请检查后重试')
  })

  it('falls back to a server-trouble text for 5xx and to the code for anything unknown', () => {
    expect(errorMessage(api(500, 'INTERNAL_ERROR'), zh)).toBe('服务器开小差了，请稍后再试')
    expect(errorMessage(api(502, 'HTTP_502'), en)).toBe('Something went wrong on our side. Try again later.')
    expect(errorMessage(api(409, 'SOMETHING_NEW'), zh)).toBe('操作失败（SOMETHING_NEW），请稍后再试')
    expect(errorMessage(new Error('boom'), en)).toBe('That did not work (CLIENT_ERROR). Try again later.')
  })

  it('never shows the server text (English, for developers)', () => {
    for (const locale of ['zh-Hans', 'en'] as AppLocale[]) {
      const t: Translate = (key, params) => translate(locale, key, params)
      for (const code of ['INVALID_CODE', 'CODE_EXPIRED', 'RATE_LIMITED', 'SMS_NOT_SENT', 'WHATEVER']) {
        expect(errorMessage(api(400, code), t)).not.toContain('server text')
      }
    }
  })
})

describe('formatWait', () => {
  it('uses seconds, minutes or hours, rounded up', () => {
    expect(formatWait(1, zh)).toBe('1 秒')
    expect(formatWait(59, zh)).toBe('59 秒')
    expect(formatWait(60, zh)).toBe('1 分钟')
    expect(formatWait(61, en)).toBe('2 min')
    expect(formatWait(3599, zh)).toBe('60 分钟')
    expect(formatWait(3600, en)).toBe('1 h')
    expect(formatWait(86_400, zh)).toBe('24 小时')
  })
})
