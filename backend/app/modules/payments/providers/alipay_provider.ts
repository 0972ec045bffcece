import { createSign, createVerify } from 'node:crypto'
import { DateTime } from 'luxon'
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

export interface AlipayConfig {
  appId: string
  /** The app's RSA private key (PEM). */
  privateKey: string
  /** Alipay's public key (PEM), for callbacks and responses. */
  alipayPublicKey: string
  /** Seller (PID) the notifications must name, when set. */
  sellerId?: string
  gateway: string
  notifyUrl: string
  returnUrl?: string
}

const yuan = (fen: number) => (fen / 100).toFixed(2)
const fen = (amount: string | undefined) =>
  amount && /^\d+(\.\d{1,2})?$/.test(amount) ? Math.round(Number(amount) * 100) : null

/** The string Alipay signs: keys sorted by ASCII, `k=v` joined with `&`, empty values left out. */
export function alipaySigningString(params: Record<string, string>, omit: string[] = ['sign']) {
  return Object.keys(params)
    .filter((k) => !omit.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
}

/**
 * Alipay open platform with RSA2: app and H5 (wap) payment parameters signed with the app key,
 * asynchronous notifications verified with Alipay's public key, trade query and refund through
 * the gateway (responses verified too).
 */
export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay' as const

  constructor(private config: AlipayConfig) {}

  #sign(params: Record<string, string>) {
    return createSign('RSA-SHA256')
      .update(alipaySigningString(params))
      .sign(this.config.privateKey, 'base64')
  }

  #common(method: string, bizContent: Record<string, unknown>) {
    const params: Record<string, string> = {
      app_id: this.config.appId,
      method,
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm:ss'),
      version: '1.0',
      biz_content: JSON.stringify(bizContent),
    }
    return params
  }

  async createPayment(order: OrderForProvider) {
    const app = order.platform === 'app-android' || order.platform === 'app-ios'
    const params = this.#common(app ? 'alipay.trade.app.pay' : 'alipay.trade.wap.pay', {
      out_trade_no: order.orderNo,
      total_amount: yuan(order.amountFen),
      subject: order.description.slice(0, 256),
      product_code: app ? 'QUICK_MSECURITY_PAY' : 'QUICK_WAP_WAY',
      time_expire: DateTime.fromJSDate(order.expiresAt)
        .setZone('Asia/Shanghai')
        .toFormat('yyyy-MM-dd HH:mm:ss'),
    })
    params.notify_url = this.config.notifyUrl
    if (!app && this.config.returnUrl) params.return_url = this.config.returnUrl
    params.sign = this.#sign(params)
    const query = new URLSearchParams(params).toString()
    // App SDK takes the signed query string; H5 opens the gateway page.
    return app
      ? { provider: 'alipay', orderInfo: query }
      : { provider: 'alipay', payUrl: `${this.config.gateway}?${query}` }
  }

  async verifyNotify(request: NotifyRequest): Promise<NotifyOutcome> {
    const form = Object.fromEntries(new URLSearchParams(request.rawBody)) as Record<string, string>
    if (!form.sign || form.sign_type !== 'RSA2')
      throw new NotifyRejectedError('missing sign or not RSA2')
    const valid = createVerify('RSA-SHA256')
      .update(alipaySigningString(form, ['sign', 'sign_type']))
      .verify(this.config.alipayPublicKey, form.sign, 'base64')
    if (!valid) throw new NotifyRejectedError('bad signature')
    if (form.app_id !== this.config.appId) throw new NotifyRejectedError('app_id mismatch')
    if (this.config.sellerId && form.seller_id !== this.config.sellerId)
      throw new NotifyRejectedError('seller_id mismatch')
    if (!form.out_trade_no) throw new NotifyRejectedError('missing out_trade_no')
    const status = form.trade_status
    return {
      orderNo: form.out_trade_no,
      status:
        status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
          ? 'paid'
          : status === 'TRADE_CLOSED'
            ? 'closed'
            : 'pending',
      amountFen: fen(form.total_amount),
      providerTxnId: form.trade_no ?? null,
    }
  }

  ack(ok: boolean): NotifyAck {
    // Alipay stops retrying only on the plain text body "success".
    return { status: 200, contentType: 'text/plain', body: ok ? 'success' : 'fail' }
  }

  /** Calls the gateway and verifies the signature over the exact response JSON substring. */
  async #gateway(method: string, bizContent: Record<string, unknown>) {
    const params = this.#common(method, bizContent)
    params.sign = this.#sign(params)
    let text: string
    try {
      const res = await fetch(this.config.gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(10_000),
      })
      text = await res.text()
    } catch (error) {
      throw new ProviderError('alipay', `Alipay unreachable: ${(error as Error).message}`)
    }
    const node = `${method.replace(/\./g, '_')}_response`
    const match = text.match(
      new RegExp(`"${node}"\\s*:\\s*(\\{.*?\\})\\s*,\\s*"sign"\\s*:\\s*"([^"]+)"`, 's')
    )
    if (!match) throw new ProviderError('alipay', 'Alipay answered without a signed response')
    const [, json, signature] = match
    if (
      !createVerify('RSA-SHA256')
        .update(json!)
        .verify(this.config.alipayPublicKey, signature!, 'base64')
    ) {
      throw new ProviderError('alipay', 'Alipay response signature does not verify')
    }
    const body = JSON.parse(json!) as Record<string, any>
    return body
  }

  async query(orderNo: string): Promise<ProviderOrderState> {
    const body = await this.#gateway('alipay.trade.query', { out_trade_no: orderNo })
    if (body.code === '40004' && body.sub_code === 'ACQ.TRADE_NOT_EXIST')
      return { status: 'pending', amountFen: null, providerTxnId: null }
    if (body.code !== '10000')
      throw new ProviderError('alipay', `trade.query: ${body.sub_msg ?? body.msg}`, body.sub_code)
    const status = body.trade_status
    return {
      status:
        status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
          ? 'paid'
          : status === 'TRADE_CLOSED'
            ? 'closed'
            : 'pending',
      amountFen: fen(body.total_amount),
      providerTxnId: body.trade_no ?? null,
    }
  }

  async refund(input: { orderNo: string; refundNo: string; amountFen: number; reason: string }) {
    const body = await this.#gateway('alipay.trade.refund', {
      out_trade_no: input.orderNo,
      refund_amount: yuan(input.amountFen),
      out_request_no: input.refundNo,
      refund_reason: input.reason.slice(0, 256),
    })
    if (body.code !== '10000')
      throw new ProviderError('alipay', `trade.refund: ${body.sub_msg ?? body.msg}`, body.sub_code)
    return { refundId: String(body.trade_no ?? input.refundNo) }
  }
}
