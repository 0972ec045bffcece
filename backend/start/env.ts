/*
| Environment variables, validated at boot. A bad value stops the process with a message that
| names the variable and what is expected (see .env.example for every variable).
*/
import { Env } from '@adonisjs/core/env'
import { assertEnvCoherent } from '#core/config/env_rules'

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_NAME: Env.schema.string.optional(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  BUSINESS_TIMEZONE: Env.schema.string.optional(),
  CORS_ORIGINS: Env.schema.string.optional(),
  TRUST_PROXY: Env.schema.string.optional(),

  DB_CONNECTION: Env.schema.enum(['sqlite', 'pg'] as const),
  DATABASE_URL: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),

  REDIS_URL: Env.schema.string.optional(),
  REDIS_PREFIX: Env.schema.string.optional(),

  QUEUE_DRIVER: Env.schema.enum(['inline', 'bee'] as const),
  QUEUE_CONCURRENCY: Env.schema.number.optional(),
  SCHEDULER_ENABLED: Env.schema.boolean.optional(),

  STORAGE_DRIVER: Env.schema.enum(['local', 'oss'] as const),
  STORAGE_LOCAL_ROOT: Env.schema.string.optional(),
  OSS_REGION: Env.schema.string.optional(),
  OSS_BUCKET: Env.schema.string.optional(),
  OSS_ACCESS_KEY_ID: Env.schema.string.optional(),
  OSS_ACCESS_KEY_SECRET: Env.schema.secret.optional(),
  OSS_ENDPOINT: Env.schema.string.optional(),
  OSS_CDN_DOMAIN: Env.schema.string.optional(),

  LIMITER_STORE: Env.schema.enum.optional(['redis', 'memory'] as const),

  SMS_DRIVER: Env.schema.enum.optional(['tencent', 'log'] as const),
  TENCENT_SECRET_ID: Env.schema.string.optional(),
  TENCENT_SECRET_KEY: Env.schema.secret.optional(),
  TENCENT_SMS_REGION: Env.schema.string.optional(),
  TENCENT_SMS_SDK_APP_ID: Env.schema.string.optional(),
  TENCENT_SMS_SIGN_NAME: Env.schema.string.optional(),
  TENCENT_SMS_LOGIN_TEMPLATE_ID: Env.schema.string.optional(),
  TENCENT_SMS_LOGIN_TEMPLATE_PARAMS: Env.schema.string.optional(),
  TENCENT_SMS_ENDPOINT: Env.schema.string.optional(),

  WECHAT_MP_APPID: Env.schema.string.optional(),
  WECHAT_MP_SECRET: Env.schema.secret.optional(),
  WECHAT_API_BASE: Env.schema.string.optional(),

  SANDBOX_PAYMENT_SECRET: Env.schema.secret.optional(),
  WECHATPAY_MCHID: Env.schema.string.optional(),
  WECHATPAY_APPID: Env.schema.string.optional(),
  WECHATPAY_APIV3_KEY: Env.schema.secret.optional(),
  WECHATPAY_MERCHANT_PRIVATE_KEY: Env.schema.secret.optional(),
  WECHATPAY_MERCHANT_SERIAL: Env.schema.string.optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY: Env.schema.string.optional(),
  WECHATPAY_PLATFORM_SERIAL: Env.schema.string.optional(),
  WECHATPAY_API_BASE: Env.schema.string.optional(),
  ALIPAY_APP_ID: Env.schema.string.optional(),
  ALIPAY_PRIVATE_KEY: Env.schema.secret.optional(),
  ALIPAY_PUBLIC_KEY: Env.schema.string.optional(),
  ALIPAY_SELLER_ID: Env.schema.string.optional(),
  ALIPAY_GATEWAY: Env.schema.string.optional(),
  ALIPAY_RETURN_URL: Env.schema.string.optional(),
  APPLE_BUNDLE_ID: Env.schema.string.optional(),
  APPLE_APP_APPLE_ID: Env.schema.number.optional(),
  APPLE_ENVIRONMENT: Env.schema.enum.optional(['Production', 'Sandbox'] as const),
  APPLE_ROOT_CERTIFICATES: Env.schema.string.optional(),
})

assertEnvCoherent({
  NODE_ENV: env.get('NODE_ENV'),
  DB_CONNECTION: env.get('DB_CONNECTION'),
  DATABASE_URL: env.get('DATABASE_URL'),
  REDIS_URL: env.get('REDIS_URL'),
  QUEUE_DRIVER: env.get('QUEUE_DRIVER'),
  STORAGE_DRIVER: env.get('STORAGE_DRIVER'),
  BUSINESS_TIMEZONE: env.get('BUSINESS_TIMEZONE'),
  LIMITER_STORE: env.get('LIMITER_STORE'),
  OSS_REGION: env.get('OSS_REGION'),
  OSS_BUCKET: env.get('OSS_BUCKET'),
  OSS_ACCESS_KEY_ID: env.get('OSS_ACCESS_KEY_ID'),
  OSS_ACCESS_KEY_SECRET: env.get('OSS_ACCESS_KEY_SECRET')?.release(),
  SMS_DRIVER: env.get('SMS_DRIVER'),
  TENCENT_SECRET_ID: env.get('TENCENT_SECRET_ID'),
  TENCENT_SECRET_KEY: env.get('TENCENT_SECRET_KEY')?.release(),
  TENCENT_SMS_SDK_APP_ID: env.get('TENCENT_SMS_SDK_APP_ID'),
  TENCENT_SMS_SIGN_NAME: env.get('TENCENT_SMS_SIGN_NAME'),
  TENCENT_SMS_LOGIN_TEMPLATE_ID: env.get('TENCENT_SMS_LOGIN_TEMPLATE_ID'),
  SANDBOX_PAYMENT_SECRET: env.get('SANDBOX_PAYMENT_SECRET')?.release(),
  WECHATPAY_MCHID: env.get('WECHATPAY_MCHID'),
  WECHATPAY_APPID: env.get('WECHATPAY_APPID'),
  WECHATPAY_APIV3_KEY: env.get('WECHATPAY_APIV3_KEY')?.release(),
  WECHATPAY_MERCHANT_PRIVATE_KEY: env.get('WECHATPAY_MERCHANT_PRIVATE_KEY')?.release(),
  WECHATPAY_MERCHANT_SERIAL: env.get('WECHATPAY_MERCHANT_SERIAL'),
  WECHATPAY_PLATFORM_PUBLIC_KEY: env.get('WECHATPAY_PLATFORM_PUBLIC_KEY'),
  WECHATPAY_PLATFORM_SERIAL: env.get('WECHATPAY_PLATFORM_SERIAL'),
  ALIPAY_APP_ID: env.get('ALIPAY_APP_ID'),
  ALIPAY_PRIVATE_KEY: env.get('ALIPAY_PRIVATE_KEY')?.release(),
  ALIPAY_PUBLIC_KEY: env.get('ALIPAY_PUBLIC_KEY'),
  APPLE_BUNDLE_ID: env.get('APPLE_BUNDLE_ID'),
  APPLE_ROOT_CERTIFICATES: env.get('APPLE_ROOT_CERTIFICATES'),
})

export default env
