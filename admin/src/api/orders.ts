import { compactQuery, http, type NumberedPage } from './http'
import type { Platform } from './users'

export const ORDER_STATES = ['pending', 'paid', 'closed', 'refunded'] as const
export type OrderState = (typeof ORDER_STATES)[number]

export const PAYMENT_PROVIDERS = ['sandbox', 'wechatpay', 'alipay', 'apple'] as const
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number]

/**
 * An order as finance staff see it. Money is integer fen; `coins` and `bonusCoins` are what the
 * purchase credits, frozen when the order was created (the first-recharge bonus included).
 */
export interface AdminOrder {
  id: string
  orderNo: string
  kind: string
  itemId: string
  userId: number
  packageName: string
  amountFen: number
  coins: number
  bonusCoins: number
  provider: PaymentProvider | string
  platform: Platform | string
  state: OrderState
  providerTxnId: string | null
  creditTransferId: number | null
  ip: string | null
  expiresAt: string | null
  paidAt: string | null
  closedAt: string | null
  refundedAt: string | null
  refundReason: string | null
  createdAt: string | null
}

/** One provider callback received for the order: whether its signature checked out and what it did. */
export interface OrderCallback {
  id: number
  verified: boolean
  outcome: string | null
  createdAt: string | null
}

/** One side of a ledger transfer made for the order (its credit, a refund). */
export interface OrderLedgerEntry {
  id: number
  transferId: number
  type: string
  /** `user:<id>:paid`, `user:<id>:bonus` or `platform:<kind>`. */
  account: string
  amount: number
  balanceAfter: number
  createdAt: string | null
}

export interface OrderDetail {
  order: AdminOrder
  callbacks: OrderCallback[]
  ledger: OrderLedgerEntry[]
}

export interface OrderFilters {
  state?: OrderState | ''
  provider?: PaymentProvider | ''
  /** Exact order number. */
  orderNo?: string
  /** The viewer's id (digits). */
  userId?: string
}

export interface OrderPageRequest {
  page?: number
  limit?: number
}

/** What a refund gave back: coins taken back from the wallet, and those already spent. */
export interface RefundResult {
  order: AdminOrder
  recovered: number
  shortfall: number
}

export const REFUND_REASON_MIN = 2
export const REFUND_REASON_MAX = 200
/** The server's limit on `?orderNo=`. */
export const ORDER_NO_MAX = 32

export function ordersQuery(filters: OrderFilters, page: OrderPageRequest = {}) {
  const userId = filters.userId?.trim() ?? ''
  return compactQuery({
    state: filters.state,
    provider: filters.provider,
    orderNo: filters.orderNo,
    userId: /^\d+$/.test(userId) ? userId : undefined,
    page: page.page,
    limit: page.limit,
  })
}

function orderPath(orderNo: string, action = ''): string {
  return `/admin/v1/orders/${encodeURIComponent(orderNo)}${action}`
}

/** Newest first, a page at a time. */
export function listOrders(filters: OrderFilters, page: OrderPageRequest = {}): Promise<NumberedPage<AdminOrder>> {
  return http.get<NumberedPage<AdminOrder>>('/admin/v1/orders', { query: ordersQuery(filters, page) })
}

/** The detail page shows a missing order itself, so a 404 is not toasted. */
export function getOrder(orderNo: string): Promise<OrderDetail> {
  return http.get<OrderDetail>(orderPath(orderNo), { silent: true })
}

/**
 * Refunds a paid order through its provider, then takes its coins back. Without `force` the server
 * answers 409 COINS_ALREADY_SPENT (`details.credited`, `details.recoverable`) when the viewer has
 * spent some of them. The dialog shows every error itself, so no toast.
 */
export function refundOrder(orderNo: string, reason: string, force = false): Promise<RefundResult> {
  const body = force ? { reason: reason.trim(), force: true } : { reason: reason.trim() }
  return http.post<RefundResult>(orderPath(orderNo, '/refund'), body, { silent: true })
}
