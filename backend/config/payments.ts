import env from '#start/env'
import app from '@adonisjs/core/services/app'

const appUrl = env.get('APP_URL').replace(/\/$/, '')

export default {
  /** A pending order closes after this long without payment. */
  orderTtlMinutes: 15,
  /** Anti-fraud: pending orders created per viewer and per IP in the last hour. */
  maxPendingPerUserHour: 5,
  maxPendingPerIpHour: 20,
  /** Reconciliation asks the provider about orders pending longer than this. */
  reconcileAfterMinutes: 5,
  sandbox: {
    // Never in production: the environment rules refuse SANDBOX_PAYMENT_SECRET there too.
    enabled: !app.inProduction && Boolean(env.get('SANDBOX_PAYMENT_SECRET')),
    secret: env.get('SANDBOX_PAYMENT_SECRET')?.release() ?? '',
  },
  apple: {
    enabled: Boolean(env.get('APPLE_BUNDLE_ID')),
    bundleId: env.get('APPLE_BUNDLE_ID', ''),
    appAppleId: env.get('APPLE_APP_APPLE_ID'),
    environment: env.get('APPLE_ENVIRONMENT', 'Production') as 'Production' | 'Sandbox',
    rootCertificatePaths: (env.get('APPLE_ROOT_CERTIFICATES') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  },
  alipay: {
    enabled: Boolean(env.get('ALIPAY_APP_ID')),
    appId: env.get('ALIPAY_APP_ID', ''),
    privateKey: (env.get('ALIPAY_PRIVATE_KEY')?.release() ?? '').replace(/\\n/g, '\n'),
    alipayPublicKey: (env.get('ALIPAY_PUBLIC_KEY') ?? '').replace(/\\n/g, '\n'),
    sellerId: env.get('ALIPAY_SELLER_ID'),
    gateway: env.get('ALIPAY_GATEWAY', 'https://openapi.alipay.com/gateway.do'),
    notifyUrl: `${appUrl}/api/v1/payments/alipay/notify`,
    returnUrl: env.get('ALIPAY_RETURN_URL'),
  },
  wechatpay: {
    enabled: Boolean(env.get('WECHATPAY_MCHID')),
    mchid: env.get('WECHATPAY_MCHID', ''),
    appid: env.get('WECHATPAY_APPID', ''),
    apiV3Key: env.get('WECHATPAY_APIV3_KEY')?.release() ?? '',
    merchantPrivateKey: (env.get('WECHATPAY_MERCHANT_PRIVATE_KEY')?.release() ?? '').replace(
      /\\n/g,
      '\n'
    ),
    merchantSerial: env.get('WECHATPAY_MERCHANT_SERIAL', ''),
    platformPublicKey: (env.get('WECHATPAY_PLATFORM_PUBLIC_KEY') ?? '').replace(/\\n/g, '\n'),
    platformSerial: env.get('WECHATPAY_PLATFORM_SERIAL', ''),
    apiBase: env.get('WECHATPAY_API_BASE', 'https://api.mch.weixin.qq.com'),
    notifyUrl: `${appUrl}/api/v1/payments/wechatpay/notify`,
  },
}
