import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto'
import {
  NotifyRejectedError,
  ProviderError,
  type NotifyAck,
  type NotifyOutcome,
  type NotifyRequest,
  type OrderForProvider,
  type PaymentProvider,
  type ProviderOrderState,
} from '#modules/payments/providers/types'

export interface WechatPayConfig {
  mchid: string
  appid: string
  /** 32-character APIv3 key: decrypts notification resources. */
  apiV3Key: string
  merchantPrivateKey: string
  merchantSerial: string
  /** WeChat Pay platform public key (PEM) and its serial (or PUB_KEY_ID_…). */
  platformPublicKey: string
  platformSerial: string
  apiBase: string
  notifyUrl: string
}

const MAX_SKEW_SECONDS = 300

function header(headers: NotifyRequest['headers'], name: string) {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/**
 * WeChat Pay API v3: JSAPI (mini-program) and APP orders with RSA-SHA256 signed requests;
 * notifications verified against the platform public key and decrypted with AEAD_AES_256_GCM;
 * order query for reconciliation; refunds.
 */
export class WechatPayProvider implements PaymentProvider {
  readonly name = 'wechatpay' as const

  constructor(private config: WechatPayConfig) {}

  #sign(message: string) {
    return createSign('RSA-SHA256').update(message).sign(this.config.merchantPrivateKey, 'base64')
  }

  async #request(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown) {
    const payload = body === undefined ? '' : JSON.stringify(body)
    const timestamp = Math.floor(Date.now() / 1000).toString()
    const nonce = randomBytes(16).toString('hex')
    const signature = this.#sign(
      `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${payload}\n`
    )
    const authorization =
      `WECHATPAY2-SHA256-RSA2048 mchid="${this.config.mchid}",nonce_str="${nonce}",` +
      `signature="${signature}",timestamp="${timestamp}",serial_no="${this.config.merchantSerial}"`
    let res: Response
    try {
      res = await fetch(new URL(pathWithQuery, this.config.apiBase), {
        method,
        headers: {
          'authorization': authorization,
          'accept': 'application/json',
          'content-type': 'application/json',
          'user-agent': 'duanju',
        },
        ...(payload ? { body: payload } : {}),
        signal: AbortSignal.timeout(10_000),
      })
    } catch (error) {
      throw new ProviderError('wechatpay', `WeChat Pay unreachable: ${(error as Error).message}`)
    }
    const text = await res.text()
    const json = text ? JSON.parse(text) : {}
    if (res.status >= 300)
      throw new ProviderError(
        'wechatpay',
        `WeChat Pay ${res.status}: ${json.message ?? text}`,
        json.code
      )
    return json as Record<string, any>
  }

  async createPayment(order: OrderForProvider) {
    const base = {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: order.description.slice(0, 127),
      out_trade_no: order.orderNo,
      time_expire: order.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      notify_url: this.config.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    }
    const timeStamp = Math.floor(Date.now() / 1000).toString()
    const nonceStr = randomBytes(16).toString('hex')
    if (order.platform === 'mp-weixin') {
      if (!order.openid)
        throw new ProviderError(
          'wechatpay',
          'WeChat Pay in the mini-program needs a WeChat sign-in',
          'NO_OPENID'
        )
      const { prepay_id: prepayId } = await this.#request('POST', '/v3/pay/transactions/jsapi', {
        ...base,
        payer: { openid: order.openid },
      })
      const pkg = `prepay_id=${prepayId}`
      return {
        provider: 'wechatpay',
        appId: this.config.appid,
        timeStamp,
        nonceStr,
        package: pkg,
        signType: 'RSA',
        paySign: this.#sign(`${this.config.appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`),
      }
    }
    const { prepay_id: prepayId } = await this.#request('POST', '/v3/pay/transactions/app', base)
    return {
      provider: 'wechatpay',
      appid: this.config.appid,
      partnerid: this.config.mchid,
      prepayid: prepayId,
      package: 'Sign=WXPay',
      noncestr: nonceStr,
      timestamp: timeStamp,
      sign: this.#sign(`${this.config.appid}\n${timeStamp}\n${nonceStr}\n${prepayId}\n`),
    }
  }

  async verifyNotify(request: NotifyRequest): Promise<NotifyOutcome> {
    const timestamp = header(request.headers, 'wechatpay-timestamp')
    const nonce = header(request.headers, 'wechatpay-nonce')
    const signature = header(request.headers, 'wechatpay-signature')
    const serial = header(request.headers, 'wechatpay-serial')
    if (!timestamp || !nonce || !signature || !serial)
      throw new NotifyRejectedError('missing Wechatpay-* headers')
    if (serial !== this.config.platformSerial)
      throw new NotifyRejectedError(`unknown platform serial ${serial}`)
    if (
      !/^\d+$/.test(timestamp) ||
      Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS
    ) {
      throw new NotifyRejectedError('stale or future timestamp')
    }
    const valid = createVerify('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${request.rawBody}\n`)
      .verify(this.config.platformPublicKey, signature, 'base64')
    if (!valid) throw new NotifyRejectedError('bad signature')

    let resource: { ciphertext: string; nonce: string; associated_data?: string; algorithm: string }
    try {
      resource = JSON.parse(request.rawBody).resource
    } catch {
      throw new NotifyRejectedError('body is not JSON')
    }
    if (resource?.algorithm !== 'AEAD_AES_256_GCM')
      throw new NotifyRejectedError('unsupported resource algorithm')
    let tx: Record<string, any>
    try {
      const buf = Buffer.from(resource.ciphertext, 'base64')
      const decipher = createDecipheriv(
        'aes-256-gcm',
        Buffer.from(this.config.apiV3Key),
        Buffer.from(resource.nonce)
      )
      decipher.setAAD(Buffer.from(resource.associated_data ?? ''))
      decipher.setAuthTag(buf.subarray(-16))
      tx = JSON.parse(
        Buffer.concat([decipher.update(buf.subarray(0, -16)), decipher.final()]).toString('utf8')
      )
    } catch {
      throw new NotifyRejectedError('resource does not decrypt with the APIv3 key')
    }
    if (tx.mchid !== this.config.mchid || tx.appid !== this.config.appid)
      throw new NotifyRejectedError('merchant or app id mismatch')
    return {
      orderNo: String(tx.out_trade_no),
      status:
        tx.trade_state === 'SUCCESS'
          ? 'paid'
          : tx.trade_state === 'CLOSED' || tx.trade_state === 'REVOKED'
            ? 'closed'
            : 'pending',
      amountFen: Number.isSafeInteger(tx.amount?.total) ? tx.amount.total : null,
      providerTxnId: tx.transaction_id ?? null,
    }
  }

  ack(ok: boolean): NotifyAck {
    return ok
      ? { status: 204, contentType: 'application/json', body: '' }
      : {
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ code: 'FAIL', message: 'rejected' }),
        }
  }

  async query(orderNo: string): Promise<ProviderOrderState> {
    const tx = await this.#request(
      'GET',
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${this.config.mchid}`
    )
    return {
      status:
        tx.trade_state === 'SUCCESS'
          ? 'paid'
          : ['CLOSED', 'REVOKED', 'PAYERROR'].includes(tx.trade_state)
            ? 'closed'
            : 'pending',
      amountFen: Number.isSafeInteger(tx.amount?.total) ? tx.amount.total : null,
      providerTxnId: tx.transaction_id ?? null,
    }
  }

  async refund(input: {
    orderNo: string
    refundNo: string
    amountFen: number
    totalFen: number
    reason: string
  }) {
    const res = await this.#request('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: input.orderNo,
      out_refund_no: input.refundNo,
      reason: input.reason.slice(0, 80),
      amount: { refund: input.amountFen, total: input.totalFen, currency: 'CNY' },
    })
    return { refundId: String(res.refund_id) }
  }
}
