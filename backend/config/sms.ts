import env from '#start/env'

/** `TENCENT_SMS_ENDPOINT` may be a bare host or a URL (tests use http://127.0.0.1:PORT). */
function endpoint(value: string | undefined) {
  if (!value) return {}
  if (!value.includes('://')) return { endpoint: value }
  const url = new URL(value)
  return { endpoint: url.host, protocol: `${url.protocol}//` as 'http://' | 'https://' }
}

export default {
  driver: env.get('SMS_DRIVER', 'log'),
  /** How long a login code lives and how soon a new one may be sent (seconds). */
  codeTtlSeconds: 300,
  resendAfterSeconds: 60,
  maxAttempts: 5,
  tencent: {
    secretId: env.get('TENCENT_SECRET_ID', ''),
    secretKey: env.get('TENCENT_SECRET_KEY')?.release() ?? '',
    region: env.get('TENCENT_SMS_REGION', 'ap-guangzhou'),
    sdkAppId: env.get('TENCENT_SMS_SDK_APP_ID', ''),
    signName: env.get('TENCENT_SMS_SIGN_NAME', ''),
    loginTemplateId: env.get('TENCENT_SMS_LOGIN_TEMPLATE_ID', ''),
    /** The login template's variables, in order: `code` and optionally `minutes`. */
    loginTemplateParams: (
      env.get('TENCENT_SMS_LOGIN_TEMPLATE_PARAMS', 'code,minutes') ?? 'code,minutes'
    )
      .split(',')
      .map((p) => p.trim()) as ('code' | 'minutes')[],
    ...endpoint(env.get('TENCENT_SMS_ENDPOINT')),
  },
}
