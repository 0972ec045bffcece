/**
 * Rules that span several environment variables. Env.create checks each variable alone; these
 * catch combinations that would only fail later (a bee queue without Redis, a pg connection
 * without a URL). Each message names the variables and the fix.
 */
export interface EnvSnapshot {
  NODE_ENV: 'development' | 'production' | 'test'
  DB_CONNECTION: 'sqlite' | 'pg'
  DATABASE_URL?: string
  REDIS_URL?: string
  QUEUE_DRIVER: 'inline' | 'bee'
  STORAGE_DRIVER: 'local' | 'oss'
  BUSINESS_TIMEZONE?: string
  LIMITER_STORE?: 'redis' | 'memory'
  OSS_REGION?: string
  OSS_BUCKET?: string
  OSS_ACCESS_KEY_ID?: string
  OSS_ACCESS_KEY_SECRET?: string
  OSS_CDN_DOMAIN?: string
  OSS_CDN_AUTH_KEY?: string
  SMS_DRIVER?: 'tencent' | 'log'
  TENCENT_SECRET_ID?: string
  TENCENT_SECRET_KEY?: string
  TENCENT_SMS_SDK_APP_ID?: string
  TENCENT_SMS_SIGN_NAME?: string
  TENCENT_SMS_LOGIN_TEMPLATE_ID?: string
  SANDBOX_PAYMENT_SECRET?: string
  WECHATPAY_MCHID?: string
  WECHATPAY_APPID?: string
  WECHATPAY_APIV3_KEY?: string
  WECHATPAY_MERCHANT_PRIVATE_KEY?: string
  WECHATPAY_MERCHANT_SERIAL?: string
  WECHATPAY_PLATFORM_PUBLIC_KEY?: string
  WECHATPAY_PLATFORM_SERIAL?: string
  ALIPAY_APP_ID?: string
  ALIPAY_PRIVATE_KEY?: string
  ALIPAY_PUBLIC_KEY?: string
  APPLE_BUNDLE_ID?: string
  APPLE_ROOT_CERTIFICATES?: string
}

export class InvalidEnvironmentError extends Error {
  constructor(public problems: string[]) {
    super(
      `Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See backend/.env.example for every variable and its allowed values.'
    )
    this.name = 'InvalidEnvironmentError'
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function envProblems(env: EnvSnapshot): string[] {
  const problems: string[] = []

  if (env.DB_CONNECTION === 'pg') {
    if (!env.DATABASE_URL) {
      problems.push(
        'DB_CONNECTION=pg needs DATABASE_URL, e.g. postgres://user:pass@127.0.0.1:5432/duanju'
      )
    } else if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      problems.push(
        `DATABASE_URL must start with postgres:// when DB_CONNECTION=pg (got "${env.DATABASE_URL}")`
      )
    }
  }
  if (env.DB_CONNECTION === 'sqlite' && env.DATABASE_URL && /^[a-z]+:\/\//.test(env.DATABASE_URL)) {
    problems.push(
      `DATABASE_URL for DB_CONNECTION=sqlite is a file path such as tmp/duanju.sqlite3 (got "${env.DATABASE_URL}")`
    )
  }
  if (env.QUEUE_DRIVER === 'bee' && !env.REDIS_URL) {
    problems.push('QUEUE_DRIVER=bee needs REDIS_URL, e.g. redis://127.0.0.1:6379')
  }
  if (env.LIMITER_STORE === 'redis' && !env.REDIS_URL) {
    problems.push('LIMITER_STORE=redis needs REDIS_URL')
  }
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${env.REDIS_URL}")`)
  }
  if (env.STORAGE_DRIVER === 'oss') {
    for (const key of [
      'OSS_REGION',
      'OSS_BUCKET',
      'OSS_ACCESS_KEY_ID',
      'OSS_ACCESS_KEY_SECRET',
    ] as const) {
      if (!env[key]) problems.push(`STORAGE_DRIVER=oss needs ${key}`)
    }
  }
  if (env.OSS_CDN_DOMAIN && !env.OSS_CDN_AUTH_KEY) {
    // Unsigned CDN URLs would make every segment public: CDN URL authentication is required.
    problems.push(
      "OSS_CDN_DOMAIN needs OSS_CDN_AUTH_KEY (the CDN console's type A URL authentication key)"
    )
  }
  if (env.BUSINESS_TIMEZONE && !isValidTimeZone(env.BUSINESS_TIMEZONE)) {
    problems.push(
      `BUSINESS_TIMEZONE must be an IANA time zone such as Asia/Shanghai (got "${env.BUSINESS_TIMEZONE}")`
    )
  }
  const smsDriver = env.SMS_DRIVER ?? 'log'
  if (smsDriver === 'log' && env.NODE_ENV === 'production') {
    problems.push(
      'SMS_DRIVER=log only writes codes to the log and is refused in production; set SMS_DRIVER=tencent'
    )
  }
  if (smsDriver === 'tencent') {
    for (const key of [
      'TENCENT_SECRET_ID',
      'TENCENT_SECRET_KEY',
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
      'TENCENT_SMS_LOGIN_TEMPLATE_ID',
    ] as const) {
      if (!env[key]) problems.push(`SMS_DRIVER=tencent needs ${key}`)
    }
  }
  if (env.NODE_ENV === 'production' && env.SANDBOX_PAYMENT_SECRET) {
    problems.push(
      'SANDBOX_PAYMENT_SECRET enables the sandbox payment provider, which is refused in production; remove it'
    )
  }
  if (env.WECHATPAY_MCHID) {
    for (const key of [
      'WECHATPAY_APPID',
      'WECHATPAY_APIV3_KEY',
      'WECHATPAY_MERCHANT_PRIVATE_KEY',
      'WECHATPAY_MERCHANT_SERIAL',
      'WECHATPAY_PLATFORM_PUBLIC_KEY',
      'WECHATPAY_PLATFORM_SERIAL',
    ] as const) {
      if (!env[key]) problems.push(`WECHATPAY_MCHID is set, so WeChat Pay also needs ${key}`)
    }
    if (env.WECHATPAY_APIV3_KEY && env.WECHATPAY_APIV3_KEY.length !== 32) {
      problems.push('WECHATPAY_APIV3_KEY must be exactly 32 characters')
    }
  }
  if (env.ALIPAY_APP_ID) {
    for (const key of ['ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'] as const) {
      if (!env[key]) problems.push(`ALIPAY_APP_ID is set, so Alipay also needs ${key}`)
    }
  }
  if (env.APPLE_BUNDLE_ID && !env.APPLE_ROOT_CERTIFICATES) {
    problems.push(
      'APPLE_BUNDLE_ID is set, so Apple in-app purchase needs APPLE_ROOT_CERTIFICATES (path to AppleRootCA-G3.cer)'
    )
  }
  if (env.NODE_ENV === 'production' && env.QUEUE_DRIVER === 'inline') {
    problems.push(
      'QUEUE_DRIVER=inline runs jobs inside the web process and is for development; use bee in production'
    )
  }
  return problems
}

export function assertEnvCoherent(env: EnvSnapshot) {
  const problems = envProblems(env)
  if (problems.length) throw new InvalidEnvironmentError(problems)
}
