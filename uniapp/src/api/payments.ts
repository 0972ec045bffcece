import type { ClientPlatform } from '@/utils/device'
import { request } from './request'

// Local shapes of the payments module's answers (docs/api.md, "Payments") until the backend
// exports its response types. Money is integer fen, coins are integers.

export interface RechargePackage {
  id: number
  name: string
  priceFen: number
  coins: number
  /** Bonus coins on every purchase of this package. */
  bonusCoins: number
  /** How long the bonus coins of this package stay valid. */
  bonusExpiresDays: number
  /** Extra bonus coins on the viewer's first paid recharge only. */
  firstRechargeBonus: number
  /** Operator's short label ("超值"), or null. */
  badge: string | null
}

/**
 * Providers the client can hand a payment to. `GET /api/v1/payments/providers` says which of them
 * the server runs on a platform; an order for another one gets 404 PROVIDER_UNAVAILABLE.
 */
export type PaymentProvider = 'wechatpay' | 'alipay' | 'apple' | 'sandbox'
export type OrderState = 'pending' | 'paid' | 'closed' | 'refunded'

export interface Order {
  id: string
  orderNo: string
  kind: 'recharge'
  itemId: string
  amountFen: number
  /** Paid coins this order credits, frozen at creation. */
  coins: number
  /** Bonus coins this order credits (with the first-recharge bonus when it applied). */
  bonusCoins: number
  provider: string
  platform: ClientPlatform
  state: OrderState
  expiresAt: string
  paidAt: string | null
  createdAt: string
}

/** `uni.requestPayment` in the mini-program (WeChat Pay JSAPI). */
export interface WechatMpPayment {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

/** WeChat Pay in the app: handed to `uni.requestPayment` as `orderInfo`. */
export interface WechatAppPayment {
  appid: string
  partnerid: string
  prepayid: string
  package: string
  noncestr: string
  timestamp: string
  sign: string
}

/** Alipay in the app: the signed order string for `uni.requestPayment({ provider: 'alipay', orderInfo })`. */
export interface AlipayAppPayment {
  orderInfo: string
}

/** Alipay on H5: the gateway's wap cashier, opened in place of the client; Alipay sends the viewer back later. */
export interface AlipayWapPayment {
  payUrl: string
}

/** Apple in-app purchase (iOS app): buy `productId`; `appAccountToken` ties Apple's transaction to the order. */
export interface ApplePayment {
  productId: string
  appAccountToken: string
  orderNo: string
}

/** The sandbox cashier (development and test servers only). */
export interface SandboxPayment {
  orderNo: string
  amountFen: number
  confirmPath: string
}

export type Payment = WechatMpPayment | WechatAppPayment | AlipayAppPayment | AlipayWapPayment | ApplePayment | SandboxPayment

export interface CreatedOrder {
  order: Order
  /** What the client hands to the provider; its shape depends on the provider and platform. */
  payment: Payment
}

export async function fetchRechargePackages(platform: ClientPlatform): Promise<RechargePackage[]> {
  const body = await request<{ data: RechargePackage[] }>('/api/v1/recharge-packages', { data: { platform } })
  return body.data
}

/** The server's answer as it is (names it may add later included); `paymentMethods` keeps the ones this client knows. */
export async function fetchPaymentProviders(platform: ClientPlatform): Promise<string[]> {
  const body = await request<{ data: string[] }>('/api/v1/payments/providers', { data: { platform } })
  return body.data
}

export function createRechargeOrder(input: { packageId: number; provider: PaymentProvider; platform: ClientPlatform }): Promise<CreatedOrder> {
  return request<CreatedOrder>('/api/v1/orders', {
    method: 'POST',
    data: { kind: 'recharge', itemId: input.packageId, provider: input.provider, platform: input.platform },
  })
}

export async function fetchOrder(orderNo: string): Promise<Order> {
  const body = await request<{ order: Order }>(`/api/v1/orders/${encodeURIComponent(orderNo)}`)
  return body.order
}

/** The sandbox cashier's answer: pay the order, or cancel it (the order closes unpaid). */
export async function confirmSandboxPayment(orderNo: string, result: 'paid' | 'closed'): Promise<Order> {
  const body = await request<{ order: Order }>(`/api/v1/payments/sandbox/orders/${encodeURIComponent(orderNo)}/confirm`, {
    method: 'POST',
    data: { result },
  })
  return body.order
}
