/**
 * The one place where the client tells the platforms apart. `#ifdef` blocks are uni-app
 * conditional compilation: each build keeps only its own block.
 */

import type { AlipayAppPayment, AlipayWapPayment, ApplePayment, Payment, WechatAppPayment, WechatMpPayment } from '@/api/payments'

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

/**
 * Where the H5 client notes the order it left for a provider's own cashier (Alipay's wap page),
 * so the next launch can open that order's result (`takeRedirectedOrder` in utils/payment.ts).
 */
export const REDIRECT_ORDER_KEY = 'duanju.redirectOrder'

/** How a payment starts: `uni.requestPayment` with these options, or the page leaving for the provider's cashier. */
export type PaymentStart = { kind: 'request'; options: UniNamespace.RequestPaymentOptions } | { kind: 'redirect'; url: string }

/**
 * What an order's `payment` becomes on a build, or null where that provider cannot pay:
 * - `wechatpay`: the JSAPI fields in the mini-program, the app parameters object as `orderInfo` in the app;
 * - `alipay`: the signed order string as `orderInfo` in the app, the wap cashier (`payUrl`) on H5;
 * - `apple` (iOS app): `appleiap` with `productid`, `username` = the order's `appAccountToken` (a
 *   UUID, which StoreKit hands on to Apple's server notification as the transaction's
 *   appAccountToken) and `quantity` 1. uni-app finishes the transaction itself (no
 *   `manualFinishTransaction`): the API credits from Apple's notification, not from a receipt
 *   the client would have to send first;
 * - `sandbox`: null, its cashier is a sheet on the recharge page.
 */
export function paymentStart(target: BuildTarget, provider: string, payment: Payment): PaymentStart | null {
  const request = (options: UniNamespace.RequestPaymentOptions): PaymentStart => ({ kind: 'request', options })
  if (provider === 'wechatpay' && target === 'mp-weixin') {
    const { timeStamp, nonceStr, package: prepay, signType, paySign } = payment as WechatMpPayment
    return request({ provider: 'wxpay', timeStamp, nonceStr, package: prepay, signType, paySign })
  }
  if (provider === 'wechatpay' && target === 'app') return request({ provider: 'wxpay', orderInfo: payment as WechatAppPayment })
  if (provider === 'alipay' && target === 'app' && 'orderInfo' in payment) return request({ provider: 'alipay', orderInfo: (payment as AlipayAppPayment).orderInfo })
  if (provider === 'alipay' && target === 'h5' && 'payUrl' in payment) return { kind: 'redirect', url: (payment as AlipayWapPayment).payUrl }
  if (provider === 'apple' && target === 'app') {
    const { productId, appAccountToken } = payment as ApplePayment
    return request({ provider: 'appleiap', orderInfo: { productid: productId, username: appAccountToken, quantity: 1 } })
  }
  return null
}

/**
 * How handing the payment over ended. 'ok' means the provider says it is paid; the API's order
 * state is still what counts (poll it). 'redirected': the page is leaving for the provider's
 * cashier (do nothing more, not even navigate). 'cancelled': the viewer closed the cashier.
 */
export type PaymentResult = { status: 'ok' } | { status: 'redirected' } | { status: 'cancelled' } | { status: 'failed'; message: string }

/**
 * Hands an order's `payment` to its provider on this build (see `paymentStart`). On H5 the Alipay
 * order's number goes into storage before the page leaves for Alipay. A closed cashier is
 * 'cancelled' (WeChat mini-program "requestPayment:fail cancel", app "...User canceled", Apple
 * "...取消"), any other failure 'failed' with the provider's message; so is a provider this build
 * cannot pay with.
 */
export function startPayment(order: { orderNo: string; provider: string }, payment: Payment): Promise<PaymentResult> {
  const start = paymentStart(buildTarget(), order.provider, payment)
  if (start?.kind === 'redirect') {
    let leave: ((url: string) => void) | null = null
    // #ifdef H5
    leave = (url) => {
      window.location.href = url
    }
    // #endif
    if (leave) {
      uni.setStorageSync(REDIRECT_ORDER_KEY, { orderNo: order.orderNo, at: Date.now() })
      leave(start.url)
      return Promise.resolve({ status: 'redirected' })
    }
  }
  if (start?.kind !== 'request') return Promise.resolve({ status: 'failed', message: `${order.provider} is not available in this build` })
  return new Promise((resolve) => {
    uni.requestPayment({
      ...start.options,
      success: () => resolve({ status: 'ok' }),
      fail: (result: { errMsg?: string } | undefined) => {
        const message = result?.errMsg || 'requestPayment:fail'
        resolve(/cancel|取消/i.test(message) ? { status: 'cancelled' } : { status: 'failed', message })
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
