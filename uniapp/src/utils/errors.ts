import { ApiError } from '@/api/request'
import type { MessageKey } from '@/locale'

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** API error codes with a fixed text. Codes not listed fall back to error.generic. */
const MESSAGES: Record<string, MessageKey> = {
  NETWORK_ERROR: 'error.network',
  SMS_NOT_SENT: 'error.smsNotSent',
  CODE_EXPIRED: 'error.codeExpired',
  CODE_LOCKED: 'error.codeLocked',
  ACCOUNT_BANNED: 'error.accountBanned',
  ACCOUNT_MERGED: 'error.sessionExpired',
  UNAUTHENTICATED: 'error.sessionExpired',
  WECHAT_CODE_INVALID: 'error.wechatCode',
  WECHAT_CODE_USED: 'error.wechatCode',
  WECHAT_USER_BLOCKED: 'error.wechatBlocked',
  WECHAT_BUSY: 'error.wechatBusy',
  WECHAT_NOT_CONFIGURED: 'error.wechatUnavailable',
  WECHAT_LOGIN_FAILED: 'error.wechatLoginFailed',
  PAYLOAD_TOO_LARGE: 'error.avatarInvalid',
  UNSUPPORTED_MEDIA_TYPE: 'error.avatarInvalid',
  AVATAR_INVALID: 'error.avatarInvalid',
  PROVIDER_UNAVAILABLE: 'error.paymentUnavailable',
  MEDIA_NOT_READY: 'player.processing',
  EPISODE_LOCKED: 'player.lockedTitleNoNumber',
}

/** Which field a 422 complained about first decides the text. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  phone: 'error.phoneInvalid',
  code: 'error.codeFormat',
  nickname: 'error.nicknameInvalid',
  avatar: 'error.avatarInvalid',
}

function firstInvalidField(details: Record<string, unknown> | undefined): string | undefined {
  const fields = details?.fields
  if (!Array.isArray(fields)) return undefined
  const first: unknown = fields[0]
  return typeof first === 'object' && first !== null && 'field' in first && typeof first.field === 'string' ? first.field : undefined
}

/** "45 秒", "2 分钟", "3 小时" (rounded up, never shorter than the real wait). */
export function formatWait(seconds: number, t: Translate): string {
  if (seconds < 60) return t('time.seconds', { n: Math.max(1, Math.ceil(seconds)) })
  if (seconds < 3600) return t('time.minutes', { n: Math.ceil(seconds / 60) })
  return t('time.hours', { n: Math.ceil(seconds / 3600) })
}

/** What to tell the viewer about a failed call, in the current language. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.generic', { code: 'CLIENT_ERROR' })
  switch (error.code) {
    case 'INVALID_CODE': {
      const remaining = error.details?.remainingAttempts
      return typeof remaining === 'number' ? t('error.invalidCodeRemaining', { n: remaining }) : t('error.invalidCode')
    }
    case 'RATE_LIMITED':
      return error.retryAfter !== undefined && error.retryAfter > 0
        ? t('error.rateLimitedWait', { wait: formatWait(error.retryAfter, t) })
        : t('error.rateLimited')
    case 'PAYMENT_PROVIDER_ERROR':
      // WeChat Pay in the mini-program pays as the WeChat user: a guest has no openid yet.
      return t(error.details?.code === 'NO_OPENID' ? 'error.paymentNeedsWechat' : 'error.paymentProvider')
    case 'VALIDATION_FAILED': {
      const field = firstInvalidField(error.details)
      if (field?.startsWith('settings')) return t('error.settingsInvalid')
      return t((field && FIELD_MESSAGES[field]) || 'error.validation')
    }
  }
  const key = MESSAGES[error.code]
  if (key) return t(key)
  if (error.status >= 500) return t('error.server')
  return t('error.generic', { code: error.code })
}
