/**
 * Mainland China mobile numbers, the only ones the sign-in form accepts. Typed bare (13800138000),
 * with spaces or dashes, or with 86 / 0086 / +86 in front; sent to the API in E.164.
 */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

export function normalizeMainlandPhone(input: string): string | null {
  const compact = input.replace(/[\s()-]/g, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '')
  return MAINLAND_MOBILE.test(compact) ? `+86${compact}` : null
}

export const SMS_CODE_LENGTH = 6

export function isSmsCode(input: string): boolean {
  return new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`).test(input.trim())
}
