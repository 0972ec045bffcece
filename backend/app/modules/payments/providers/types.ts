export type ProviderName = 'sandbox' | 'wechatpay' | 'alipay' | 'apple'

export interface OrderForProvider {
  orderNo: string
  amountFen: number
  description: string
  platform: 'app-android' | 'app-ios' | 'h5' | 'mp-weixin'
  expiresAt: Date
  /** The payer's mini-program openid (JSAPI). */
  openid?: string | null
  /** UUID naming the order at the provider (Apple appAccountToken). */
  clientToken: string
  /** The App Store product for this purchase (Apple). */
  appleProductId?: string | null
}

export interface NotifyRequest {
  headers: Record<string, string | string[] | undefined>
  rawBody: string
}

/** What a verified callback says happened to an order. */
export interface NotifyOutcome {
  orderNo: string
  /** `refunded`: the provider refunded it on its own (Apple). */
  status: 'paid' | 'closed' | 'pending' | 'refunded'
  amountFen: number | null
  providerTxnId: string | null
}

export interface ProviderOrderState {
  status: 'paid' | 'pending' | 'closed'
  amountFen: number | null
  providerTxnId: string | null
}

export interface NotifyAck {
  status: number
  contentType: string
  body: string
}

/** A callback that failed verification: nothing is applied, the provider gets an error. */
export class NotifyRejectedError extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'NotifyRejectedError'
  }
}

/** The provider refused or could not be reached; the caller turns it into a 502. */
export class ProviderError extends Error {
  constructor(
    public provider: ProviderName,
    message: string,
    public providerCode?: string
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

export interface PaymentProvider {
  readonly name: ProviderName
  /** Parameters the client hands to uni.requestPayment (or the sandbox cashier). */
  createPayment(order: OrderForProvider): Promise<Record<string, unknown>>
  /** Verifies the callback before anything else; throws NotifyRejectedError when it is not genuine. */
  verifyNotify(request: NotifyRequest): Promise<NotifyOutcome>
  /** What the provider expects back so it stops retrying. */
  ack(ok: boolean): NotifyAck
  query(orderNo: string): Promise<ProviderOrderState>
  refund(input: {
    orderNo: string
    refundNo: string
    amountFen: number
    totalFen: number
    reason: string
  }): Promise<{ refundId: string }>
}
