import http from 'node:http'
import https from 'node:https'
import { sms } from 'tencentcloud-sdk-nodejs-sms'
import { SmsSendError, type SmsMessage, type SmsProvider, type SmsResult } from '#core/sms/types'

export interface TencentSmsConfig {
  secretId: string
  secretKey: string
  region: string
  sdkAppId: string
  signName: string
  loginTemplateId: string
  loginTemplateParams?: ('code' | 'minutes')[]
  /** Override for tests: `127.0.0.1:PORT` (with protocol http://). */
  endpoint?: string
  protocol?: 'https://' | 'http://'
}

const RATE_LIMIT_CODES = /^LimitExceeded\.(DeliveryFrequencyLimit|PhoneNumber)/

/** Tencent Cloud SMS `SendSms` (2021-01-11) through the official SDK (TC3-HMAC-SHA256). */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent' as const
  #client: InstanceType<typeof sms.v20210111.Client>

  constructor(private config: TencentSmsConfig) {
    const protocol = config.protocol ?? 'https://'
    this.#client = new sms.v20210111.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: {
        signMethod: 'TC3-HMAC-SHA256',
        httpProfile: {
          reqMethod: 'POST',
          reqTimeout: 10,
          ...(config.endpoint ? { endpoint: config.endpoint } : {}),
          protocol,
          // An explicit agent: the SDK otherwise honours http_proxy and ignores no_proxy.
          agent:
            protocol === 'http://'
              ? new http.Agent({ keepAlive: true })
              : new https.Agent({ keepAlive: true }),
        },
      },
    })
  }

  async sendLoginCode(message: SmsMessage): Promise<SmsResult> {
    let response
    try {
      response = await this.#client.SendSms({
        SmsSdkAppId: this.config.sdkAppId,
        SignName: this.config.signName,
        TemplateId: this.config.loginTemplateId,
        TemplateParamSet: message.params,
        PhoneNumberSet: [message.phone],
        ...(message.context ? { SessionContext: message.context } : {}),
      })
    } catch (error) {
      const e = error as { code?: string; message?: string }
      const code = e.code ?? 'NetworkError'
      throw new SmsSendError(
        code,
        `Tencent SMS refused the request: ${code} ${e.message ?? ''}`.trim(),
        RATE_LIMIT_CODES.test(code)
      )
    }
    // A request can succeed while the number itself is refused: check the per-number status.
    const status =
      response.SendStatusSet?.find((s) => s.PhoneNumber === message.phone) ??
      response.SendStatusSet?.[0]
    if (!status) throw new SmsSendError('NoStatus', 'Tencent SMS returned no status for the number')
    if (status.Code !== 'Ok') {
      throw new SmsSendError(
        status.Code ?? 'Unknown',
        `Tencent SMS did not send: ${status.Code} ${status.Message ?? ''}`.trim(),
        RATE_LIMIT_CODES.test(status.Code ?? '')
      )
    }
    return { provider: 'tencent', serialNo: status.SerialNo, requestId: response.RequestId }
  }
}
