import type { PaymentProvider } from '@/api/payments'
import type { MessageKey } from '@/locale'
import { REDIRECT_ORDER_KEY } from './device'
import { parseOrderNo } from './navigation'

/** The methods this client can pay with, and their names on the recharge page. */
export const PAYMENT_METHOD_LABELS: Record<PaymentProvider, MessageKey> = {
  wechatpay: 'recharge.wechatpay',
  alipay: 'recharge.alipay',
  apple: 'recharge.apple',
  sandbox: 'recharge.sandbox',
}

function isPaymentProvider(value: unknown): value is PaymentProvider {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PAYMENT_METHOD_LABELS, value)
}

/**
 * The ways to pay the recharge page offers, preferred first: what `GET /api/v1/payments/providers`
 * answered for this platform, in its order, without names this client does not know and without
 * repeats. The server decides per platform (WeChat Pay in the mini-program, WeChat Pay and Alipay
 * on Android, Apple on iOS, Alipay on H5, the sandbox only outside production); the iOS
 * mini-program is hidden before asking (`purchasesHidden`).
 */
export function paymentMethods(answer: readonly unknown[]): PaymentProvider[] {
  const methods: PaymentProvider[] = []
  for (const name of answer) if (isPaymentProvider(name) && !methods.includes(name)) methods.push(name)
  return methods
}

/** How long after leaving for Alipay's cashier the next launch still opens that order (orders expire after 15 minutes). */
export const REDIRECT_RESUME_MS = 30 * 60 * 1000

/** The order number in what `startPayment` stored before leaving for a cashier, if it is recent and well-formed. */
export function redirectedOrderNo(stored: unknown, now: number): string | null {
  if (typeof stored !== 'object' || stored === null) return null
  const { orderNo, at } = stored as { orderNo?: unknown; at?: unknown }
  if (typeof at !== 'number' || !Number.isFinite(at) || at > now + 60_000 || now - at > REDIRECT_RESUME_MS) return null
  return parseOrderNo(orderNo)
}

/**
 * The order this client left for Alipay's wap cashier, once: the note is removed, so the result
 * page opens on the launch after the return and not on every later one.
 */
export function takeRedirectedOrder(now = Date.now()): string | null {
  const stored: unknown = uni.getStorageSync(REDIRECT_ORDER_KEY)
  if (stored === '' || stored === undefined || stored === null) return null
  uni.removeStorageSync(REDIRECT_ORDER_KEY)
  return redirectedOrderNo(stored, now)
}

/** Drops the note once the result page has shown this order settled (back from Alipay without a reload). */
export function forgetRedirectedOrder(orderNo: string): void {
  const stored: unknown = uni.getStorageSync(REDIRECT_ORDER_KEY)
  if (typeof stored === 'object' && stored !== null && (stored as { orderNo?: unknown }).orderNo === orderNo) uni.removeStorageSync(REDIRECT_ORDER_KEY)
}

/** Whether the launch should open the order page for a redirected order: not when it already opens that page. */
export function shouldResumeOrder(orderNo: string | null, launchPath: string | undefined): orderNo is string {
  return orderNo !== null && (launchPath ?? '').replace(/^\//, '') !== 'pages/wallet/order'
}
