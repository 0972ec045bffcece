import type { ClientPlatform } from '@/utils/device'
import { request } from './request'

// Local shapes until the backend's users transformers export their response types.
export type VideoQuality = 'auto' | '480p' | '720p' | '1080p'

export interface UserSettings {
  /** Spend coins on the next locked episode without asking. Off unless the viewer turns it on. */
  autoUnlock: boolean
  danmuEnabled: boolean
  /** 0.5–3 in steps of 0.25 */
  playbackSpeed: number
  preferredQuality: VideoQuality
}

export interface User {
  id: string | number
  nickname: string
  /** Absolute URL */
  avatarUrl: string | null
  isGuest: boolean
  /** Masked, e.g. 138****8000 */
  phone: string | null
  wechatBound: boolean
  settings: UserSettings
  createdAt: string
}

export interface AuthResult {
  token: string
  user: User
}

export interface AccountSignInResult extends AuthResult {
  /** The guest's history, follows and coins moved into the account. */
  merged: boolean
}

export function guestSignIn(body: { deviceId: string; platform: ClientPlatform }): Promise<AuthResult> {
  return request<AuthResult>('/api/v1/auth/guest', { method: 'POST', data: body, auth: false })
}

/** Texts a six-digit login code. `phone` in E.164 (+86…). */
export function sendSmsCode(phone: string): Promise<void> {
  return request<void>('/api/v1/auth/sms-codes', { method: 'POST', data: { phone }, auth: false })
}

/** Sent with the guest's token, so the guest's data is merged into the account. */
export function phoneSignIn(body: { phone: string; code: string; platform: ClientPlatform }): Promise<AccountSignInResult> {
  return request<AccountSignInResult>('/api/v1/auth/phone', { method: 'POST', data: body })
}

/** `code` from uni.login on mp-weixin; sent with the guest's token like phoneSignIn. */
export function wechatMpSignIn(code: string): Promise<AccountSignInResult> {
  return request<AccountSignInResult>('/api/v1/auth/wechat-mp', { method: 'POST', data: { code } })
}

/**
 * Binds the number from `<button open-type="getPhoneNumber">` (`e.detail.code`). The answer may be
 * a different account (the one that already had the number): use its token from now on.
 */
export function bindWechatPhone(code: string): Promise<AccountSignInResult> {
  return request<AccountSignInResult>('/api/v1/auth/wechat-mp/phone', { method: 'POST', data: { code } })
}

/** Revokes the current token. No retry with a fresh session: that would log the new one out. */
export function logout(): Promise<void> {
  return request<void>('/api/v1/auth/logout', { method: 'POST', recover: false })
}
