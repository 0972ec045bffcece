/**
 * The one place where the client tells the platforms apart. `#ifdef` blocks are uni-app
 * conditional compilation: each build keeps only its own block.
 */

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
