/**
 * The one place where the client tells the platforms apart. `#ifdef` blocks are uni-app
 * conditional compilation: each build keeps only its own block.
 */

import type { Payment, WechatAppPayment, WechatMpPayment } from '@/api/payments'

export type BuildTarget = 'h5' | 'mp-weixin' | 'app'
export type ClientPlatform = 'h5' | 'mp-weixin' | 'app-android' | 'app-ios'

export const DEVICE_ID_KEY = 'duanju.deviceId'

export function buildTarget(): BuildTarget {
  let target: BuildTarget = 'h5'
  // #ifdef MP-WEIXIN
  target = 'mp-weixin'
  // #endif
  // #ifdef APP-PLUS
  target = 'app'
  // #endif
  return target
}

/** `os` is `uni.getSystemInfoSync().platform` ("android", "ios", "devtools", ...). */
export function resolveClientPlatform(target: BuildTarget, os: string): ClientPlatform {
  if (target !== 'app') return target
  return os.toLowerCase() === 'ios' ? 'app-ios' : 'app-android'
}

/** WeChat mini-program sign-in (uni.login → jscode2session on the API) exists only on mp-weixin. */
export function hasWechatMpLogin(): boolean {
  return buildTarget() === 'mp-weixin'
}

/** A one-time code for POST /api/v1/auth/wechat-mp. Rejects outside the mini-program. */
export function wechatMpLoginCode(): Promise<string> {
  let login: ((resolve: (code: string) => void, reject: (error: Error) => void) => void) | null = null
  // #ifdef MP-WEIXIN
  login = (resolve, reject) =>
    uni.login({
      provider: 'weixin',
      success: (result) => (result.code ? resolve(result.code) : reject(new Error(result.errMsg || 'uni.login returned no code'))),
      fail: (result) => reject(new Error(result.errMsg || 'uni.login failed')),
    })
  // #endif
  return login ? new Promise(login) : Promise.reject(new Error('WeChat mini-program login is only available on mp-weixin'))
}

export function clientPlatform(): ClientPlatform {
  const target = buildTarget()
  return resolveClientPlatform(target, target === 'app' ? uni.getSystemInfoSync().platform : '')
}

/**
 * iOS users of a mini-program may not be shown any purchase UI (WeChat's rules for virtual goods
 * on iOS), so recharge entry points are hidden there. Coins already in the wallet stay usable.
 */
export function resolvePurchasesHidden(target: BuildTarget, os: string): boolean {
  return target === 'mp-weixin' && os.toLowerCase() === 'ios'
}

export function purchasesHidden(): boolean {
  const target = buildTarget()
  return resolvePurchasesHidden(target, target === 'mp-weixin' ? uni.getSystemInfoSync().platform : '')
}

/** WeChat Pay through uni.requestPayment exists in the mini-program and the app, not on H5. */
export function hasWechatPay(): boolean {
  return buildTarget() !== 'h5'
}

/**
 * What uni.requestPayment needs for a `wechatpay` order's `payment`: the JSAPI fields in the
 * mini-program, the app parameters object as `orderInfo` in the app. Null on H5.
 */
export function wechatPaymentOptions(target: BuildTarget, payment: Payment): UniNamespace.RequestPaymentOptions | null {
  if (target === 'mp-weixin') {
    const { timeStamp, nonceStr, package: prepay, signType, paySign } = payment as WechatMpPayment
    return { provider: 'wxpay', timeStamp, nonceStr, package: prepay, signType, paySign }
  }
  if (target === 'app') return { provider: 'wxpay', orderInfo: payment as WechatAppPayment }
  return null
}

/** 'paid' means WeChat says so; the API's order state is still what counts (poll it). */
export type WechatPayResult = { status: 'paid' } | { status: 'cancelled' } | { status: 'failed'; errMsg: string }

/**
 * Opens WeChat's cashier for a `wechatpay` order. 'cancelled' when the viewer closes it
 * (mini-program: "requestPayment:fail cancel"; app: "...canceled"), 'failed' with WeChat's errMsg
 * otherwise. Rejects on H5, which has no WeChat Pay.
 */
export function requestWechatPayment(payment: Payment): Promise<WechatPayResult> {
  const options = wechatPaymentOptions(buildTarget(), payment)
  if (!options) return Promise.reject(new Error('WeChat Pay is only available in the mini-program and the app'))
  return new Promise((resolve) => {
    uni.requestPayment({
      ...options,
      success: () => resolve({ status: 'paid' }),
      fail: (result: { errMsg?: string } | undefined) => {
        const errMsg = result?.errMsg || 'requestPayment:fail'
        resolve(/cancel/i.test(errMsg) ? { status: 'cancelled' } : { status: 'failed', errMsg })
      },
    })
  })
}

/**
 * A random id that identifies this installation to the guest sign-in. It is not a secret (the
 * server issues the token), so Math.random is an acceptable fallback where Web Crypto is missing
 * (mini-program and app JS engines).
 */
export function createDeviceId(): string {
  const bytes = new Uint8Array(16)
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes)
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  }
  // RFC 4122 version 4 layout, so the id reads like any other UUID in logs and the database.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The stored device id, created on first use. */
export function getDeviceId(): string {
  const stored: unknown = uni.getStorageSync(DEVICE_ID_KEY)
  if (typeof stored === 'string' && stored.length > 0) return stored
  const id = createDeviceId()
  uni.setStorageSync(DEVICE_ID_KEY, id)
  return id
}
